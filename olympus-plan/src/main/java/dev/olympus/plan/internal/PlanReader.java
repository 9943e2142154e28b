package dev.olympus.plan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Guard;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanFormatException;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.PlanValidationException;
import dev.olympus.plan.Step;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.plan.StepStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads plans, snapshots and events from JSON trees, naming the JSON path of every problem. */
public final class PlanReader {
  private static final Set<String> PLAN_FIELDS =
      Set.of("schemaVersion", "id", "title", "budget", "deadline", "steps");
  private static final Set<String> STEP_FIELDS =
      Set.of("name", "uses", "scopes", "with", "after", "guard", "description");
  private static final Set<String> GUARD_FIELDS =
      Set.of("retries", "backoff", "jitter", "deadline", "budget", "consentRequired", "optional");
  private static final Set<String> SNAPSHOT_FIELDS =
      Set.of("schemaVersion", "plan", "state", "updatedAt", "steps");
  private static final Set<String> STATUS_FIELDS =
      Set.of("state", "attempts", "output", "error", "startedAt", "finishedAt");
  private static final Set<StepState> HAS_ERROR =
      Set.of(StepState.FAILED, StepState.BLOCKED, StepState.SKIPPED);
  private static final Set<String> EVENT_FIELDS =
      Set.of("planId", "stepId", "correlationId", "timestamp", "kind", "data");

  private PlanReader() {}

  /**
   * Reads a plan of at most {@code maxSteps} steps. {@code schemaVersion} is required; a missing
   * {@code id} gets a fresh one.
   *
   * @throws PlanFormatException if the JSON does not have the plan's shape
   * @throws PlanValidationException if it has the shape but is not a valid plan, or has more than
   *     {@code maxSteps} steps (refused before any step is read)
   */
  public static Plan plan(JsonNode json, String path, int maxSteps) {
    JsonField root = JsonField.of(json, path).only(PLAN_FIELDS);
    version(root);
    String title = nonBlank(root, "title");
    Plan.Builder builder = Plan.builder(title).maxSteps(maxSteps);
    root.optionalText("id").ifPresent(id -> argument(root.at("id"), () -> builder.id(id)));
    root.optional("budget").ifPresent(b -> builder.budget(budget(b, root.at("budget"))));
    root.optionalDuration("deadline")
        .ifPresent(d -> argument(root.at("deadline"), () -> builder.deadline(d)));
    JsonNode steps = root.required("steps");
    if (!steps.isArray()) {
      throw new PlanFormatException(root.at("steps"), "expected an array of steps");
    }
    if (steps.size() > maxSteps) {
      throw new PlanValidationException(
          title, List.of(Limits.tooManySteps(steps.size(), maxSteps)));
    }
    for (int i = 0; i < steps.size(); i++) {
      JsonField step = JsonField.of(steps.get(i), root.at("steps") + "[" + i + "]");
      builder.step(step.text("name"), s -> step(step.only(STEP_FIELDS), s));
    }
    return builder.build();
  }

  /**
   * Reads a snapshot. Its plan is the store's own record of a plan that was built once, so no step
   * limit applies.
   *
   * @throws PlanFormatException if the JSON does not have the snapshot's shape
   */
  public static PlanSnapshot snapshot(JsonNode json) {
    JsonField root = JsonField.of(json, "$").only(SNAPSHOT_FIELDS);
    version(root);
    Plan plan = plan(root.required("plan"), root.at("plan"), Integer.MAX_VALUE);
    PlanState state = constant(PlanState.class, root.text("state"), root.at("state"));
    JsonField steps = root.object("steps");
    Map<String, StepStatus> statuses = new LinkedHashMap<>();
    steps
        .node()
        .properties()
        .forEach(e -> statuses.put(e.getKey(), status(e.getValue(), steps.at(e.getKey()))));
    Instant updatedAt = required(root.optionalInstant("updatedAt"), root.at("updatedAt"));
    return argument(root.at("steps"), () -> new PlanSnapshot(plan, state, statuses, updatedAt));
  }

  /**
   * Reads an event.
   *
   * @throws PlanFormatException if the JSON does not have the event's shape
   */
  public static PlanEvent event(JsonNode json) {
    JsonField root = JsonField.of(json, "$").only(EVENT_FIELDS);
    JsonNode data = root.required("data");
    if (!data.isObject()) {
      throw new PlanFormatException(root.at("data"), "expected an object");
    }
    return argument(
        "$",
        () ->
            new PlanEvent(
                root.text("planId"),
                root.optionalText("stepId"),
                root.text("correlationId"),
                required(root.optionalInstant("timestamp"), root.at("timestamp")),
                root.text("kind"),
                (ObjectNode) data));
  }

  private static void step(JsonField step, Step.Builder s) {
    String[] scopes = step.textList("scopes").toArray(String[]::new);
    s.uses(step.text("uses"), scopes);
    step.optional("with").ifPresent(w -> s.inputs(JsonField.of(w, step.at("with")).node()));
    s.after(step.textList("after").toArray(String[]::new));
    step.optionalText("description").ifPresent(s::describe);
    step.optional("guard")
        .ifPresent(g -> s.guard(b -> guard(JsonField.of(g, step.at("guard")), b)));
  }

  private static void guard(JsonField guard, Guard.Builder g) {
    guard.only(GUARD_FIELDS);
    guard.optionalLong("retries").ifPresent(r -> g.retries((int) Math.min(r, Integer.MAX_VALUE)));
    guard.optionalDuration("backoff").ifPresent(g::backoff);
    guard.optionalDecimal("jitter").ifPresent(j -> g.jitter(j.doubleValue()));
    guard.optionalDuration("deadline").ifPresent(g::deadline);
    guard.optional("budget").ifPresent(b -> g.budget(budget(b, guard.at("budget"))));
    guard.optionalBoolean("consentRequired").ifPresent(g::consentRequired);
    guard.optionalBoolean("optional").ifPresent(g::optional);
  }

  private static Budget budget(JsonNode json, String path) {
    JsonField budget = JsonField.of(json, path).only(Set.of("tokens", "usd"));
    Optional<Long> tokens = budget.optionalLong("tokens");
    Optional<java.math.BigDecimal> usd = budget.optionalDecimal("usd");
    return argument(
        path,
        () -> {
          Budget b = Budget.unlimited();
          b = tokens.isPresent() ? b.andTokens(tokens.get()) : b;
          return usd.isPresent() ? b.andUsd(usd.get().toString()) : b;
        });
  }

  /**
   * Reads one step's status.
   *
   * @throws PlanFormatException if the JSON does not have the status's shape
   */
  public static StepStatus status(JsonNode json, String path) {
    JsonField s = JsonField.of(json, path).only(STATUS_FIELDS);
    StepState state = constant(StepState.class, s.text("state"), s.at("state"));
    Optional<StepError> error = error(s, state);
    return argument(
        s.path(),
        () ->
            new StepStatus(
                state,
                (int) s.optionalLong("attempts").orElse(0L).longValue(),
                s.optional("output"),
                error,
                s.optionalInstant("startedAt"),
                s.optionalInstant("finishedAt")));
  }

  // Old checkpoints also kept the reason a step went back to PENDING ("approved by host") as its
  // error: only FAILED, BLOCKED and SKIPPED steps have errors.
  private static Optional<StepError> error(JsonField status, StepState state) {
    Optional<JsonNode> error = status.optional("error");
    if (error.isPresent() && error.get().isTextual() && !HAS_ERROR.contains(state)) {
      return Optional.empty();
    }
    return error.map(e -> StepErrorJson.read(e, status.at("error")));
  }

  private static void version(JsonField root) {
    long version =
        root.optionalLong("schemaVersion")
            .orElseThrow(
                () ->
                    new PlanFormatException(
                        root.at("schemaVersion"),
                        "required field is missing or null; this library reads version "
                            + PlanWriter.SCHEMA_VERSION));
    if (version != PlanWriter.SCHEMA_VERSION) {
      throw new PlanFormatException(
          root.at("schemaVersion"),
          "unsupported schema version "
              + version
              + "; this library reads version "
              + PlanWriter.SCHEMA_VERSION
              + (version > PlanWriter.SCHEMA_VERSION ? " (written by a newer Olympus?)" : ""));
    }
  }

  private static String nonBlank(JsonField root, String field) {
    String text = root.text(field);
    if (text.isBlank()) {
      throw new PlanFormatException(root.at(field), "cannot be blank");
    }
    return text;
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String name, String path) {
    return JsonField.parse(
        name, path, n -> Enum.valueOf(type, n), "one of " + List.of(type.getEnumConstants()));
  }

  private static <T> T required(Optional<T> value, String path) {
    return value.orElseThrow(() -> new PlanFormatException(path, "required field is missing"));
  }

  private static <T> T argument(String path, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new PlanFormatException(path, e.getMessage(), e);
    }
  }
}
