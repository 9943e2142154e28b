package dev.olympus.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.internal.Checks;
import dev.olympus.plan.internal.Names;
import dev.olympus.plan.internal.StepErrorJson;
import java.time.Instant;
import java.util.Optional;

/**
 * Something that happened to a plan, a step or a chat session: a state change, an attempt, a
 * consent decision, a budget charge. Events are what the audit log stores and what a host's UI
 * follows. The {@code kind} is a dotted name; the well-known ones are constants here, and other
 * modules add their own (for example {@code consent.decision}).
 *
 * <p>Immutable and thread-safe: {@link #data()} returns a fresh copy each time.
 *
 * @param planId the plan (or chat session) the event belongs to
 * @param stepId the step concerned, if any
 * @param correlationId ties together the events of one action (for example one attempt)
 * @param timestamp when it happened
 * @param kind what happened, such as {@code step.state}
 * @param data the details, a JSON object
 */
public record PlanEvent(
    String planId,
    Optional<String> stepId,
    String correlationId,
    Instant timestamp,
    String kind,
    ObjectNode data) {

  /** A plan moved between two states; data: {@code from}, {@code to}. */
  public static final String PLAN_STATE = "plan.state";

  /**
   * A step moved between two states; data: {@code from}, {@code to}, optional {@code reason} (a
   * message for people) and, when the move has a {@link StepError}, {@code error} (its JSON form).
   */
  public static final String STEP_STATE = "step.state";

  /**
   * Checks and copies every field.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an id is blank or the kind is not a dotted name
   */
  public PlanEvent {
    Checks.notBlank(planId, "planId");
    Checks.notNull(stepId, "stepId");
    stepId.ifPresent(s -> Checks.notBlank(s, "stepId"));
    Checks.notNull(correlationId, "correlationId");
    Checks.notNull(timestamp, "timestamp");
    Names.checkCapability(kind, "kind");
    data = Checks.notNull(data, "data").deepCopy();
  }

  /**
   * An event about the plan as a whole, with empty data and no correlation id.
   *
   * @throws NullPointerException if an argument is null
   */
  public static PlanEvent of(String planId, String kind, Instant timestamp) {
    return new PlanEvent(
        planId, Optional.empty(), "", timestamp, kind, JsonNodeFactory.instance.objectNode());
  }

  /**
   * A plan state change.
   *
   * @throws NullPointerException if an argument is null
   */
  public static PlanEvent planState(String planId, PlanState from, PlanState to, Instant at) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("from", from.name()).put("to", to.name());
    return new PlanEvent(planId, Optional.empty(), "", at, PLAN_STATE, data);
  }

  /**
   * A step state change, with an optional reason (empty string for none).
   *
   * @throws NullPointerException if an argument is null
   */
  public static PlanEvent stepState(
      String planId, String stepId, StepState from, StepState to, String reason, Instant at) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("from", from.name()).put("to", to.name());
    if (!Checks.notNull(reason, "reason").isEmpty()) {
      data.put("reason", reason);
    }
    return new PlanEvent(planId, Optional.of(stepId), "", at, STEP_STATE, data);
  }

  /**
   * A step state change caused by {@code error}: its message is the event's {@code reason}, and the
   * error itself is stored under {@code error}, read back by {@link #stepError()}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static PlanEvent stepState(
      String planId, String stepId, StepState from, StepState to, StepError error, Instant at) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("from", from.name()).put("to", to.name());
    data.put("reason", Checks.notNull(error, "error").message());
    data.set("error", StepErrorJson.write(error));
    return new PlanEvent(planId, Optional.of(stepId), "", at, STEP_STATE, data);
  }

  /**
   * The step error a {@link #STEP_STATE} event carries, if any.
   *
   * @throws PlanFormatException if the event's {@code error} is not shaped like a step error
   */
  public Optional<StepError> stepError() {
    JsonNode error = kind.equals(STEP_STATE) ? data.get("error") : null;
    return error == null || error.isNull()
        ? Optional.empty()
        : Optional.of(StepErrorJson.read(error, "$.data.error"));
  }

  /** Returns a copy of the details; changing it does not change the event. */
  @Override
  public ObjectNode data() {
    return data.deepCopy();
  }

  /**
   * This event for step {@code stepId}.
   *
   * @throws NullPointerException if {@code stepId} is null
   */
  public PlanEvent withStep(String stepId) {
    return new PlanEvent(planId, Optional.of(stepId), correlationId, timestamp, kind, data);
  }

  /**
   * This event with the given correlation id.
   *
   * @throws NullPointerException if {@code correlationId} is null
   */
  public PlanEvent withCorrelation(String correlationId) {
    return new PlanEvent(planId, stepId, correlationId, timestamp, kind, data);
  }

  /**
   * This event with {@code data} (copied) as its details.
   *
   * @throws NullPointerException if {@code data} is null
   */
  public PlanEvent withData(ObjectNode data) {
    return new PlanEvent(planId, stepId, correlationId, timestamp, kind, data);
  }
}
