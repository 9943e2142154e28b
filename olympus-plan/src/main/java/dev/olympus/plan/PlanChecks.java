package dev.olympus.plan;

import dev.olympus.plan.internal.Dag;
import dev.olympus.plan.internal.Names;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The structural checks {@link PlanBuilder#build()} runs over every step. */
final class PlanChecks {
  private PlanChecks() {}

  static void check(
      List<StepBuilder> steps, List<Step> built, Budget budget, List<String> problems) {
    if (steps.isEmpty()) {
      problems.add("the plan has no steps");
      return;
    }
    Map<String, List<String>> graph = names(steps, problems);
    dependencies(steps, graph, problems);
    Dag dag = new Dag(graph);
    dag.findCycle()
        .ifPresent(
            cycle ->
                problems.add(
                    "dependency cycle: "
                        + String.join(" -> ", cycle)
                        + " (each step runs after the next)"));
    steps.forEach(step -> references(step, graph, dag, problems));
    built.forEach(step -> budget(step, budget, problems));
  }

  private static Map<String, List<String>> names(List<StepBuilder> steps, List<String> problems) {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    for (StepBuilder step : steps) {
      String problem = Names.stepNameProblem(step.name());
      if (problem != null) {
        problems.add(problem);
      } else if (graph.putIfAbsent(step.name(), withoutSelf(step)) != null) {
        problems.add("duplicate step name '" + step.name() + "'");
      }
    }
    return graph;
  }

  // A self-dependency is reported on its own, not again as a one-step cycle.
  private static List<String> withoutSelf(StepBuilder step) {
    return step.after().stream().filter(d -> !d.equals(step.name())).toList();
  }

  private static void dependencies(
      List<StepBuilder> steps, Map<String, List<String>> graph, List<String> problems) {
    for (StepBuilder step : steps) {
      Set<String> seen = new HashSet<>();
      for (String dependency : step.after()) {
        String where = "step '" + step.name() + "' ";
        if (dependency.equals(step.name())) {
          problems.add(where + "depends on itself");
        } else if (!graph.containsKey(dependency)) {
          problems.add(where + "depends on unknown step '" + dependency + "'");
        } else if (!seen.add(dependency)) {
          problems.add(where + "lists dependency '" + dependency + "' twice");
        }
      }
    }
  }

  private static void references(
      StepBuilder step, Map<String, List<String>> graph, Dag dag, List<String> problems) {
    String where = "step '" + step.name() + "' ";
    List<Reference> references;
    try {
      references = References.find(step.rawInputs());
    } catch (IllegalArgumentException e) {
      problems.add(where + "has a " + e.getMessage());
      return;
    }
    Set<String> ancestors = dag.ancestors(step.name());
    for (Reference reference : references) {
      if (!graph.containsKey(reference.step())) {
        problems.add(where + "references unknown step in " + reference);
      } else if (!ancestors.contains(reference.step())) {
        problems.add(
            where
                + "references "
                + reference
                + " but '"
                + reference.step()
                + "' is not an ancestor; add it to after(...)");
      }
    }
  }

  private static void budget(Step step, Budget plan, List<String> problems) {
    if (!plan.covers(step.guard().budget())) {
      problems.add(
          "step '"
              + step.name()
              + "' has a budget "
              + describe(step.guard().budget())
              + " larger than the plan budget "
              + describe(plan));
    }
  }

  static String describe(Budget budget) {
    StringBuilder text = new StringBuilder();
    budget.maxTokens().ifPresent(t -> text.append(t).append(" tokens"));
    budget
        .maxUsd()
        .ifPresent(
            u -> text.append(text.length() > 0 ? ", " : "").append("$").append(u.toPlainString()));
    return text.length() == 0 ? "(unlimited)" : "(" + text + ")";
  }
}
