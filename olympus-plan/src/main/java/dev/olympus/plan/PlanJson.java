package dev.olympus.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.internal.Checks;
import dev.olympus.plan.internal.JsonDepth;
import dev.olympus.plan.internal.PlanReader;
import dev.olympus.plan.internal.PlanWriter;
import dev.olympus.plan.internal.StepErrorJson;

/**
 * The versioned JSON form of plans, snapshots and events. Plans and snapshots carry {@code
 * "schemaVersion": 1}; a missing or null version and other versions are refused, and so is a
 * duplicated key anywhere in a document. Plans drafted by a language model (steps, capabilities,
 * inputs, dependencies) parse through the same reader and the same validation as hand-built ones;
 * whoever asked the model stamps the version it asked for. Input is bounded: text and trees nest at
 * most 1,000 levels deep, a plan has at most {@link Plan.Builder#DEFAULT_MAX_STEPS} steps unless
 * the caller passes another limit, and dollar amounts are limited as {@link Budget} says.
 *
 * <pre>{@code
 * String json = PlanJson.write(plan);
 * Plan same = PlanJson.readPlan(json);   // same.equals(plan)
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class PlanJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private PlanJson() {}

  /** Writes {@code plan} as compact JSON. */
  public static String write(Plan plan) {
    return PlanWriter.plan(Checks.notNull(plan, "plan")).toString();
  }

  /** Returns {@code plan} as a JSON tree. */
  public static ObjectNode toTree(Plan plan) {
    return PlanWriter.plan(Checks.notNull(plan, "plan"));
  }

  /** Writes {@code snapshot} as compact JSON. */
  public static String write(PlanSnapshot snapshot) {
    return PlanWriter.snapshot(Checks.notNull(snapshot, "snapshot")).toString();
  }

  /** Writes {@code event} as compact JSON (fields in a fixed order). */
  public static String write(PlanEvent event) {
    return PlanWriter.event(Checks.notNull(event, "event")).toString();
  }

  /** Writes one step's {@code status} as compact JSON (for incremental checkpoints). */
  public static String write(StepStatus status) {
    return PlanWriter.status(Checks.notNull(status, "status")).toString();
  }

  /**
   * Writes one step's {@code error} as compact JSON, as it appears in a step status: {@code
   * {"kind":"consent-denied","message":"…","retryable":false}}, plus {@code "schema"} for a
   * validation error.
   */
  public static String write(StepError error) {
    return StepErrorJson.write(Checks.notNull(error, "error")).toString();
  }

  /**
   * Reads one step's status written by {@link #write(StepStatus)}. A status written before step
   * errors were typed holds its error as a plain message; it is read as the {@link StepError} kind
   * the message names (for example {@code "BudgetExceeded: …"} as {@link
   * StepError.BudgetExceeded}), or as {@link StepError.Unrecognized}.
   *
   * @throws PlanFormatException if the text is not JSON or not shaped like a step status
   */
  public static StepStatus readStepStatus(String json) {
    return PlanReader.status(parse(json), "$");
  }

  /**
   * Reads a plan of at most {@link Plan.Builder#DEFAULT_MAX_STEPS} steps.
   *
   * @throws NullPointerException if {@code json} is null
   * @throws PlanFormatException if the text is not JSON or not shaped like a plan, naming the JSON
   *     path of the problem
   * @throws PlanValidationException if it is shaped like a plan but invalid (cycles, unknown
   *     dependencies, too many steps, …), listing every problem
   */
  public static Plan readPlan(String json) {
    return readPlan(json, Plan.Builder.DEFAULT_MAX_STEPS);
  }

  /**
   * Reads a plan of at most {@code maxSteps} steps; a longer one is refused before any step is
   * read.
   *
   * @throws NullPointerException if {@code json} is null
   * @throws IllegalArgumentException if {@code maxSteps} is not positive
   * @throws PlanFormatException if the text is not JSON or not shaped like a plan
   * @throws PlanValidationException if the plan is invalid or has more than {@code maxSteps} steps
   */
  public static Plan readPlan(String json, int maxSteps) {
    Checks.positive(maxSteps, "maxSteps");
    return PlanReader.plan(parse(json), "$", maxSteps);
  }

  /**
   * Reads a plan of at most {@link Plan.Builder#DEFAULT_MAX_STEPS} steps from a JSON tree, which
   * like the text form may nest at most 1,000 levels deep.
   *
   * @throws NullPointerException if {@code json} is null
   * @throws PlanFormatException if the tree is not shaped like a plan or nests too deep
   * @throws PlanValidationException if the plan is invalid or has too many steps
   */
  public static Plan readPlan(JsonNode json) {
    return readPlan(json, Plan.Builder.DEFAULT_MAX_STEPS);
  }

  /**
   * Reads a plan of at most {@code maxSteps} steps from a JSON tree, which may nest at most 1,000
   * levels deep.
   *
   * @throws NullPointerException if {@code json} is null
   * @throws IllegalArgumentException if {@code maxSteps} is not positive
   * @throws PlanFormatException if the tree is not shaped like a plan or nests too deep
   * @throws PlanValidationException if the plan is invalid or has more than {@code maxSteps} steps
   */
  public static Plan readPlan(JsonNode json, int maxSteps) {
    Checks.notNull(json, "json");
    Checks.positive(maxSteps, "maxSteps");
    JsonDepth.check(json, "$");
    return PlanReader.plan(json, "$", maxSteps);
  }

  /**
   * Reads a snapshot. Its plan is the store's record of a plan that was built once, so no step
   * limit applies to it. Step errors in the old plain-message form are read as {@link
   * #readStepStatus(String)} reads them.
   *
   * @throws PlanFormatException if the text is not JSON or not shaped like a snapshot
   * @throws PlanValidationException if its plan is invalid
   */
  public static PlanSnapshot readSnapshot(String json) {
    return PlanReader.snapshot(parse(json));
  }

  /**
   * Reads an event.
   *
   * @throws PlanFormatException if the text is not JSON or not shaped like an event
   */
  public static PlanEvent readEvent(String json) {
    return PlanReader.event(parse(json));
  }

  private static JsonNode parse(String json) {
    Checks.notNull(json, "json");
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new PlanFormatException(
          "$", "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    }
  }
}
