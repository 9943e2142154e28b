package dev.olympus.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.internal.Checks;
import dev.olympus.plan.internal.Dag;
import dev.olympus.plan.internal.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A validated plan: named steps forming a DAG, a budget and an optional deadline. Built with {@link
 * #builder(String)} or parsed with {@link PlanJson}; a {@code Plan} that exists is valid.
 *
 * <pre>{@code
 * Plan plan = Plan.builder("notes from report")
 *     .step("read", s -> s.uses("fs.read").with("path", "docs/report.txt"))
 *     .step("write", s -> s.uses("fs.write").after("read")
 *         .with("path", "notes.md").with("content", "${read.content}"))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Plan {
  private final String id;
  private final String title;
  private final Budget budget;
  private final Optional<Duration> deadline;
  private final List<Step> steps;
  private final Map<String, Step> byName;
  private final Dag dag;

  Plan(String id, String title, Budget budget, Optional<Duration> deadline, List<Step> steps) {
    this.id = id;
    this.title = title;
    this.budget = budget;
    this.deadline = deadline;
    this.steps = List.copyOf(steps);
    Map<String, Step> map = new LinkedHashMap<>();
    Map<String, List<String>> graph = new LinkedHashMap<>();
    for (Step step : steps) {
      map.put(step.name(), step);
      graph.put(step.name(), step.after());
    }
    this.byName = map;
    this.dag = new Dag(graph);
  }

  /**
   * Starts building a plan.
   *
   * @throws NullPointerException if {@code title} is null
   * @throws IllegalArgumentException if {@code title} is blank
   */
  public static Plan.Builder builder(String title) {
    return new Plan.Builder(title);
  }

  /** The plan id, unique per plan; the key of its checkpoints and events. */
  public String id() {
    return id;
  }

  /** The human-readable title. */
  public String title() {
    return title;
  }

  /** The plan's token and dollar budget. */
  public Budget budget() {
    return budget;
  }

  /** The time limit of the whole run, if any. */
  public Optional<Duration> deadline() {
    return deadline;
  }

  /** The steps in declaration order. */
  public List<Step> steps() {
    return steps;
  }

  /**
   * Returns the step named {@code name}.
   *
   * @throws IllegalArgumentException if there is no such step
   */
  public Step step(String name) {
    Step step = byName.get(Checks.notNull(name, "name"));
    Checks.argument(step != null, "plan '" + title + "' has no step '" + name + "'");
    return step;
  }

  /** Returns true if the plan has a step named {@code name}. */
  public boolean hasStep(String name) {
    return byName.containsKey(name);
  }

  /** Step names in an order where every step comes after its dependencies. */
  public List<String> topologicalOrder() {
    return dag.topologicalOrder();
  }

  /** The steps {@code name} runs after, directly. */
  public List<String> dependencies(String name) {
    return step(name).after();
  }

  /** The steps that run directly after {@code name}. */
  public List<String> dependents(String name) {
    step(name);
    return dag.dependents(name);
  }

  /** Every step {@code name} transitively depends on. */
  public Set<String> ancestors(String name) {
    step(name);
    return dag.ancestors(name);
  }

  /** Every step that transitively depends on {@code name}. */
  public Set<String> descendants(String name) {
    step(name);
    return dag.descendants(name);
  }

  /**
   * The PENDING steps whose dependencies are all satisfied, in declaration order. A dependency is
   * satisfied when it is DONE, or FAILED with an optional guard.
   *
   * @throws NullPointerException if {@code states} is null
   */
  public List<String> runnableSteps(Map<String, StepState> states) {
    Checks.notNull(states, "states");
    List<String> runnable = new ArrayList<>();
    for (Step step : steps) {
      if (states.get(step.name()) == StepState.PENDING
          && step.after().stream().allMatch(d -> satisfied(d, states.get(d)))) {
        runnable.add(step.name());
      }
    }
    return runnable;
  }

  /**
   * The steps to mark SKIPPED because {@code failed} failed: its descendants that have not reached
   * a terminal state. Empty when {@code failed} is optional.
   */
  public List<String> stepsToSkip(String failed, Map<String, StepState> states) {
    Checks.notNull(states, "states");
    if (step(failed).guard().optional()) {
      return List.of();
    }
    return dag.descendants(failed).stream()
        .filter(d -> states.get(d) == null || !states.get(d).isTerminal())
        .filter(d -> states.get(d) != StepState.FAILED)
        .toList();
  }

  /**
   * Resolves the references in step {@code name}'s inputs from its ancestors' outputs. Only the
   * outputs of the steps it references are read, and {@link Plan.Builder#build()} guarantees those
   * are ancestors; outputs of other steps are never read.
   *
   * @throws IllegalArgumentException if there is no such step
   * @throws ReferenceException if an ancestor has no output or lacks the referenced field
   */
  public JsonNode resolveInputs(String name, Map<String, ? extends JsonNode> outputs) {
    Checks.notNull(outputs, "outputs");
    Step step = step(name);
    Map<String, JsonNode> visible = new LinkedHashMap<>();
    for (Reference reference : step.references()) {
      JsonNode output = outputs.get(reference.step());
      if (output != null) {
        visible.put(reference.step(), output);
      }
    }
    return References.resolve(step.inputs(), visible);
  }

  private boolean satisfied(String dependency, StepState state) {
    return state == StepState.DONE
        || (state == StepState.FAILED && byName.get(dependency).guard().optional());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Plan p
        && id.equals(p.id)
        && title.equals(p.title)
        && budget.equals(p.budget)
        && deadline.equals(p.deadline)
        && steps.equals(p.steps);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, title, budget, deadline, steps);
  }

  @Override
  public String toString() {
    return "Plan[" + id + " '" + title + "', " + steps.size() + " steps]";
  }

  /**
   * Fluent builder for a {@link Plan}. {@link #build()} validates the whole plan and reports every
   * problem at once. Validation takes time linear in the plan's size; a plan may have at most
   * {@link #DEFAULT_MAX_STEPS} steps unless {@link #maxSteps(int)} says otherwise.
   *
   * <pre>{@code
   * Plan plan = Plan.builder("notes from report")
   *     .budget(Budget.ofTokens(20_000).andUsd("0.05"))
   *     .step("read", s -> s.uses("fs.read").with("path", "docs/report.txt"))
   *     .step("summarize", s -> s.uses("llm.generate").after("read")
   *         .with("prompt", "Summarize:\n${read.content}")
   *         .guard(g -> g.retries(2).deadline(Duration.ofSeconds(60))))
   *     .build();
   * }</pre>
   *
   * <p>Not thread-safe; a builder may build several plans (each gets a fresh id unless one was
   * set).
   */
  public static final class Builder {
    /** How many steps a plan may have unless {@link #maxSteps(int)} sets another limit. */
    public static final int DEFAULT_MAX_STEPS = 10_000;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final String title;
    private String id;
    private Budget budget = Budget.unlimited();
    private Optional<Duration> deadline = Optional.empty();
    private int maxSteps = DEFAULT_MAX_STEPS;
    private final List<Step.Builder> steps = new ArrayList<>();

    Builder(String title) {
      this.title = Checks.notBlank(title, "title");
    }

    /**
     * Sets the plan id (by default a random UUID).
     *
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if it is not 1-128 letters, digits, '.', '_', ':' or '-'
     */
    public Builder id(String id) {
      Checks.notNull(id, "id");
      Checks.argument(
          ID.matcher(id).matches(),
          "id '" + id + "' must be 1-128 letters, digits, '.', '_', ':' or '-'");
      this.id = id;
      return this;
    }

    /**
     * Sets the plan budget (unlimited by default).
     *
     * @throws NullPointerException if {@code budget} is null
     */
    public Builder budget(Budget budget) {
      this.budget = Checks.notNull(budget, "budget");
      return this;
    }

    /**
     * Sets a deadline for the whole plan, counted from the start of its run.
     *
     * @throws NullPointerException if {@code deadline} is null
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder deadline(Duration deadline) {
      Checks.notNull(deadline, "deadline");
      Checks.argument(
          !deadline.isNegative() && !deadline.isZero(), "deadline must be positive: " + deadline);
      this.deadline = Optional.of(deadline);
      return this;
    }

    /**
     * Sets how many steps the plan may have (by default {@link #DEFAULT_MAX_STEPS}); {@link
     * #build()} refuses a plan with more before checking anything else.
     *
     * @throws IllegalArgumentException if {@code maxSteps} is not positive
     */
    public Builder maxSteps(int maxSteps) {
      this.maxSteps = (int) Checks.positive(maxSteps, "maxSteps");
      return this;
    }

    /**
     * Adds a step named {@code name}, configured by {@code configure}.
     *
     * @throws NullPointerException if an argument is null
     */
    public Builder step(String name, Consumer<Step.Builder> configure) {
      Step.Builder step = new Step.Builder(Checks.notNull(name, "name"));
      Checks.notNull(configure, "configure").accept(step);
      steps.add(step);
      return this;
    }

    /**
     * Validates and builds the plan.
     *
     * @throws PlanValidationException listing every problem: more steps than {@link #maxSteps(int)}
     *     allows (reported alone), empty plan, bad or duplicate names, missing capabilities, bad
     *     guard values, unknown or self dependencies, cycles (with their path), malformed
     *     references or references to steps that are not ancestors, step budgets larger than the
     *     plan budget
     */
    public Plan build() {
      if (steps.size() > maxSteps) {
        throw new PlanValidationException(
            title, List.of(Limits.tooManySteps(steps.size(), maxSteps)));
      }
      List<String> problems = new ArrayList<>();
      List<Step> built = new ArrayList<>();
      for (Step.Builder step : steps) {
        Step s = step.build(problems);
        if (s != null) {
          built.add(s);
        }
      }
      PlanChecks.check(steps, built, budget, problems);
      if (!problems.isEmpty()) {
        throw new PlanValidationException(title, problems);
      }
      String planId = id != null ? id : UUID.randomUUID().toString();
      return new Plan(planId, title, budget, deadline, built);
    }
  }
}
