package dev.olympus.executor.internal;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts a plan's id, a step's id and the tools' configuration hash in the SLF4J MDC ({@code planId},
 * {@code stepId}, {@code toolsConfig}) for the log lines a step thread writes, and during an
 * attempt its correlation id ({@code correlationId}), and puts back what was there on close: a host
 * executor may run steps on a thread that has its own entries. One thread.
 */
public final class StepMdc implements AutoCloseable {
  private final Map<String, String> previous = new HashMap<>();

  private StepMdc() {}

  /** Opens a scope for step {@code stepId} (empty for none) of plan {@code planId}. */
  public static StepMdc open(String planId, String stepId, String toolsConfig) {
    StepMdc scope = new StepMdc();
    scope.put("planId", planId);
    scope.put("stepId", stepId);
    scope.put("toolsConfig", toolsConfig);
    return scope;
  }

  /**
   * Opens a scope for attempt {@code attempt} of a step: its {@link #correlationId} as {@code
   * correlationId}, which the tools' worker threads and the model calls of the attempt inherit.
   */
  public static StepMdc attempt(String planId, String stepId, int attempt) {
    StepMdc scope = new StepMdc();
    scope.put("correlationId", correlationId(planId, stepId, attempt));
    return scope;
  }

  /**
   * The correlation id of attempt {@code attempt} (1-based) of a step: {@code plan/step/attempt-1}.
   */
  public static String correlationId(String planId, String stepId, int attempt) {
    return planId + "/" + stepId + "/attempt-" + attempt;
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
