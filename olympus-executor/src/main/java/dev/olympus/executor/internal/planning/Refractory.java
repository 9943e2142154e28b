package dev.olympus.executor.internal.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.internal.Failures;
import dev.olympus.llm.HardException;
import dev.olympus.llm.LlmException;
import dev.olympus.memory.Fact;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.ReferenceException;
import dev.olympus.plan.Step;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolConsentDeniedException;
import dev.olympus.tools.ToolException;
import dev.olympus.tools.ToolRateLimitedException;
import dev.olympus.tools.ToolTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refractory memory: approaches that failed for a non-transient reason, kept as facts so later
 * plannings of a similar goal avoid them (see {@link FailedApproach} for what "similar" means).
 *
 * <p>Each failure is one fact: subject {@value #SUBJECT}, predicate {@value #PREDICATE}, value a
 * JSON object {@code {capability, errorClass, message, shape, keywords, goal}}, valid for {@link
 * #MEMORY} so an approach that failed long ago may be tried again. The same failure recorded twice
 * is one fact. A plan made by the planner has its goal remembered (subject {@code plan:<id>},
 * predicate {@value #GOAL}); a plan built by hand counts its title as its goal.
 *
 * <p>Recorded errors: non-retryable tool errors except consent, cancellation, timeouts and rate
 * limits; unresolvable references; hard model errors. Transient errors, budgets and unavailable
 * providers say nothing about the approach. Thread-safe.
 */
public final class Refractory implements HardFailureListener {
  static final String SUBJECT = "olympus.refractory";
  static final String PREDICATE = "failed-approach";
  static final String GOAL = "planned-goal";
  static final Duration MEMORY = Duration.ofDays(30);
  private static final int MAX_MESSAGE = 200;
  private static final int MAX_RELEVANT = 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(Refractory.class);

  private final MemoryStore memory;
  private final Clock clock;

  public Refractory(MemoryStore memory, Clock clock) {
    this.memory = memory;
    this.clock = clock;
  }

  @Override
  public void stepFailed(Plan plan, Step step, Throwable error) {
    if (!worthRemembering(error)) {
      return;
    }
    try {
      memory.facts().put(fact(approach(plan, step, error), plan.id() + "/" + step.name()));
    } catch (RuntimeException e) {
      LOG.warn("could not remember the failed approach of step {}", step.name(), e);
    }
  }

  /** Remembers that {@code plan} was made for {@code goal}. */
  void rememberGoal(Plan plan, String goal) {
    memory.facts().put(Fact.of(goalSubject(plan.id()), GOAL, goal, "planner", clock.instant()));
  }

  /** The remembered failures for goals similar to {@code goal}, newest first, at most ten. */
  List<FailedApproach> relevantTo(String goal) {
    Set<String> keywords = FailedApproach.keywords(goal);
    List<FailedApproach> relevant = new ArrayList<>();
    memory.facts().bySubject(SUBJECT).stream()
        .filter(f -> f.predicate().equals(PREDICATE))
        .sorted(Comparator.comparing(Fact::createdAt).reversed())
        .map(Refractory::read)
        .flatMap(Optional::stream)
        .filter(a -> FailedApproach.similarGoals(a.keywords(), keywords))
        .limit(MAX_RELEVANT)
        .forEach(relevant::add);
    return relevant;
  }

  static boolean worthRemembering(Throwable error) {
    if (Failures.retryable(error)) {
      return false;
    }
    Optional<LlmException> llm = Failures.llmCause(error);
    if (llm.isPresent()) {
      return llm.get() instanceof HardException;
    }
    return error instanceof ReferenceException
        || (error instanceof ToolException
            && !(error instanceof ToolConsentDeniedException
                || error instanceof ToolCancelledException
                || error instanceof ToolTimeoutException
                || error instanceof ToolRateLimitedException));
  }

  private FailedApproach approach(Plan plan, Step step, Throwable error) {
    Throwable shown = Failures.llmCause(error).map(Throwable.class::cast).orElse(error);
    String message = shown.getMessage() == null ? "" : shown.getMessage();
    String goal = goalOf(plan);
    return new FailedApproach(
        FailedApproach.keywords(goal),
        goal,
        step.capability().name(),
        shown.getClass().getSimpleName(),
        message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message,
        FailedApproach.shape(step.inputs()));
  }

  private String goalOf(Plan plan) {
    return memory.facts().bySubject(goalSubject(plan.id())).stream()
        .filter(f -> f.predicate().equals(GOAL))
        .map(Fact::value)
        .findFirst()
        .orElse(plan.title());
  }

  private Fact fact(FailedApproach approach, String source) {
    ObjectNode value = JSON.createObjectNode();
    value.put("capability", approach.capability()).put("errorClass", approach.errorClass());
    value.put("message", approach.message()).set("shape", approach.shapeJson());
    approach.keywords().forEach(value.putArray("keywords")::add);
    value.put("goal", approach.goal());
    return new Fact(
        SUBJECT,
        PREDICATE,
        value.toString(),
        source,
        1.0,
        clock.instant(),
        Optional.of(clock.instant().plus(MEMORY)));
  }

  private static Optional<FailedApproach> read(Fact fact) {
    try {
      JsonNode v = JSON.readTree(fact.value());
      Set<String> keywords = new TreeSet<>();
      v.path("keywords").forEach(k -> keywords.add(k.asText()));
      Map<String, String> shape = new TreeMap<>();
      v.path("shape").properties().forEach(e -> shape.put(e.getKey(), e.getValue().asText()));
      return Optional.of(
          new FailedApproach(
              keywords,
              v.path("goal").asText(),
              v.path("capability").asText(),
              v.path("errorClass").asText(),
              v.path("message").asText(),
              shape));
    } catch (JsonProcessingException e) {
      LOG.warn("ignoring an unreadable refractory fact from {}", fact.source());
      return Optional.empty();
    }
  }

  private static String goalSubject(String planId) {
    return "plan:" + planId;
  }
}
