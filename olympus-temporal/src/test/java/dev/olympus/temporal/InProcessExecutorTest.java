package dev.olympus.temporal;

import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanExecutor;

/** The shared executor behaviour, on the in-process executor ({@link Olympus}). */
class InProcessExecutorTest extends PlanExecutorContract {
  @Override
  Harness start(Setup setup) {
    Olympus.Builder builder =
        Olympus.builder()
            .memory(setup.memory())
            .tools(setup.tools())
            .consent(setup.consent())
            .consentGrants(setup.grants())
            .parallelism(setup.parallelism())
            .worker(setup.parallelism());
    if (setup.llm() != null) {
      builder.llm(setup.llm());
    }
    Olympus olympus = builder.build();
    return new Harness() {
      @Override
      public PlanExecutor executor() {
        return olympus.executor();
      }

      @Override
      public void close() {
        olympus.close();
      }
    };
  }
}
