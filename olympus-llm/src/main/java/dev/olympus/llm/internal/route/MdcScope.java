package dev.olympus.llm.internal.route;

import dev.olympus.llm.BudgetContext;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts a call's plan, step and correlation ids in the SLF4J MDC ({@code planId}, {@code stepId},
 * {@code correlationId}) and restores what was there on close. One thread.
 */
final class MdcScope implements AutoCloseable {
  private final Map<String, String> previous = new HashMap<>();

  MdcScope(BudgetContext budget) {
    put("planId", budget.planId());
    put("stepId", budget.stepId());
    put("correlationId", budget.correlationId());
  }

  private void put(String key, String value) {
    if (!value.isEmpty()) {
      previous.put(key, MDC.get(key));
      MDC.put(key, value);
    }
  }

  @Override
  public void close() {
    previous.forEach(
        (key, value) -> {
          if (value == null) {
            MDC.remove(key);
          } else {
            MDC.put(key, value);
          }
        });
  }
}
