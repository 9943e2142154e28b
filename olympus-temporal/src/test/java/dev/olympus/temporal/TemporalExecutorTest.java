package dev.olympus.temporal;

import dev.olympus.executor.PlanExecutor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;

/** The shared executor behaviour, on Temporal's in-memory test service. */
class TemporalExecutorTest extends PlanExecutorContract {
  @Override
  Harness start(Setup setup) {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    OlympusWorker.Builder worker =
        OlympusWorker.builder(setup.memory())
            .tools(setup.tools())
            .consent(setup.consent())
            .consentGrants(setup.grants());
    if (setup.llm() != null) {
      worker.llm(setup.llm());
    }
    OlympusWorker olympus = worker.build();
    olympus.register(env.newWorker(TemporalPlanExecutor.DEFAULT_TASK_QUEUE));
    env.start();
    TemporalPlanExecutor executor =
        TemporalPlanExecutor.builder(env.getWorkflowClient(), setup.memory())
            .parallelism(setup.parallelism())
            .build();
    return new Harness() {
      @Override
      public PlanExecutor executor() {
        return executor;
      }

      @Override
      public void close() {
        executor.close();
        env.close();
        olympus.close();
      }
    };
  }
}
