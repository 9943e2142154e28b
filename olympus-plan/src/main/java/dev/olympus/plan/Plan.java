package dev.olympus.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.internal.Checks;
import dev.olympus.plan.internal.Dag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
  public static PlanBuilder builder(String title) {
    return new PlanBuilder(title);
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
   * outputs of the steps it references are read, and {@link PlanBuilder#build()} guarantees those
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
}
