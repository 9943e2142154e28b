package dev.olympus.llm.internal.route;

import dev.olympus.llm.BudgetContext;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts a call's plan, step and correlation ids in the SLF4J MDC ({@code planId}, {@code stepId},
 * {@code correlationId}), with the router's configuration hash ({@code llmConfig}) and, once a
 * provider is tried, the route ({@code route}: the provider and why it was chosen); restores what
 * was there on close. One thread.
 */
final class MdcScope implements AutoCloseable {
  static final String ROUTE = "route";
  private final Map<String, String> previous = new HashMap<>();

  MdcScope(BudgetContext budget, String configHash) {
    put("planId", budget.planId());
    put("stepId", budget.stepId());
    put("correlationId", budget.correlationId());
    put("llmConfig", configHash);
    previous.put(ROUTE, MDC.get(ROUTE));
  }

  /** Names the provider being tried, and why, until the scope closes. */
  static void route(String route) {
    MDC.put(ROUTE, route);
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
