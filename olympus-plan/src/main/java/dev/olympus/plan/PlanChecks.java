package dev.olympus.plan;

import dev.olympus.plan.internal.Dag;
import dev.olympus.plan.internal.Names;
import java.util.ArrayList;
import java.util.HashMap;
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
    references(steps, graph, dag, problems);
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

  // Linear in the plan's size: a reference to a direct dependency is settled on the spot, and
  // one pruned search per other referenced step answers every step that references it.
  private static void references(
      List<StepBuilder> steps, Map<String, List<String>> graph, Dag dag, List<String> problems) {
    List<Map.Entry<String, Reference>> pending = new ArrayList<>();
    Map<String, Set<String>> referrersOf = new HashMap<>();
    for (StepBuilder step : steps) {
      Set<String> direct = new HashSet<>(withoutSelf(step));
      for (Reference reference : parse(step, problems)) {
        if (!direct.contains(reference.step()) || !graph.containsKey(reference.step())) {
          pending.add(Map.entry(step.name(), reference));
          referrersOf.computeIfAbsent(reference.step(), k -> new HashSet<>()).add(step.name());
        }
      }
    }
    Map<String, Integer> order = dag.topologicalIndex();
    Map<String, Set<String>> reached = new HashMap<>();
    referrersOf.forEach(
        (target, from) -> {
          if (graph.containsKey(target)) {
            reached.put(target, dag.descendantsAmong(target, from, order));
          }
        });
    pending.forEach(p -> check(p.getKey(), p.getValue(), reached, problems));
  }

  private static List<Reference> parse(StepBuilder step, List<String> problems) {
    try {
      return References.find(step.rawInputs());
    } catch (IllegalArgumentException e) {
      problems.add("step '" + step.name() + "' has a " + e.getMessage());
      return List.of();
    }
  }

  private static void check(
      String step, Reference reference, Map<String, Set<String>> reached, List<String> problems) {
    String where = "step '" + step + "' ";
    if (!reached.containsKey(reference.step())) {
      problems.add(where + "references unknown step in " + reference);
    } else if (!reached.get(reference.step()).contains(step)) {
      problems.add(
          where
              + "references "
              + reference
              + " but '"
              + reference.step()
              + "' is not an ancestor; add it to after(...)");
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
