package dev.olympus.executor.internal.run;

import dev.olympus.executor.RunEvent;
import dev.olympus.executor.internal.wiring.ConsentEvents;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import java.math.BigDecimal;
import java.util.function.Consumer;

/** Types the stored events of a run for its listeners. */
public final class RunEvents {
  private static final String ATTEMPT = "step.attempt";

  private RunEvents() {}

  /** {@code listener} fed with the typed form of each stored event. */
  public static Consumer<PlanEvent> typed(Consumer<RunEvent> listener) {
    return event -> listener.accept(of(event));
  }

  /** The typed form of {@code event}; {@link RunEvent.Other} for kinds without a type. */
  public static RunEvent of(PlanEvent event) {
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
      case ConsentEvents.KIND -> consent(event);
      case DefaultPlanExecutor.BUDGET_CHARGE ->
          new RunEvent.BudgetCharged(
              step,
              data.path("tokens").asLong(),
              new BigDecimal(data.path("usd").asText("0")),
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
