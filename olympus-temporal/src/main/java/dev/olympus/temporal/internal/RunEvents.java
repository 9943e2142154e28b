package dev.olympus.temporal.internal;

import dev.olympus.executor.RunEvent;
import dev.olympus.plan.Money;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;

/**
 * Types the stored events of a run for its listeners, as the in-process executor does: the workflow
 * logs the same kinds with the same data. Thread-safe (stateless).
 */
final class RunEvents {
  static final String ATTEMPT = "step.attempt";
  static final String CONSENT = "consent.decision";
  static final String BUDGET_CHARGE = "budget.charge";

  private RunEvents() {}

  /** The typed form of {@code event}; {@link RunEvent.Other} for kinds without a type. */
  static RunEvent of(PlanEvent event) {
    String step = event.stepId().orElse("");
    var data = event.data();
    return switch (event.kind()) {
      case PlanEvent.PLAN_STATE ->
          new RunEvent.PlanChanged(
              PlanState.valueOf(data.path("from").asText()),
              PlanState.valueOf(data.path("to").asText()),
              event);
      case PlanEvent.STEP_STATE ->
          new RunEvent.StepChanged(
              step,
              StepState.valueOf(data.path("from").asText()),
              StepState.valueOf(data.path("to").asText()),
              event.stepError(),
              event);
      case ATTEMPT -> new RunEvent.AttemptStarted(step, data.path("attempt").asInt(), event);
      case CONSENT -> consent(event);
      case BUDGET_CHARGE ->
          new RunEvent.BudgetCharged(
              step,
              data.path("tokens").asLong(),
              Money.usd(data.path("usd").asText("0")).amount(),
              event);
      default -> new RunEvent.Other(event);
    };
  }

  private static RunEvent consent(PlanEvent event) {
    String step = event.stepId().orElse("");
    String decision = event.data().path("decision").asText();
    String tool = event.data().path("tool").asText();
    return decision.equals("ASKED")
        ? new RunEvent.ConsentAsked(step, tool, event)
        : new RunEvent.ConsentDecided(step, tool, !decision.equals("DENIED"), decision, event);
  }
}
