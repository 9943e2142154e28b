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

/** The structural checks {@link Plan.Builder#build()} runs over every step. */
final class PlanChecks {
  private PlanChecks() {}

  static void check(
      List<Step.Builder> steps, List<Step> built, Budget budget, List<String> problems) {
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

  private static Map<String, List<String>> names(List<Step.Builder> steps, List<String> problems) {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    for (Step.Builder step : steps) {
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
  private static List<String> withoutSelf(Step.Builder step) {
    return step.after().stream().filter(d -> !d.equals(step.name())).toList();
  }

  private static void dependencies(
      List<Step.Builder> steps, Map<String, List<String>> graph, List<String> problems) {
    for (Step.Builder step : steps) {
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

  // A reference to a direct dependency is settled on the spot; the others are answered together,
  // one topological pass per 64 referenced steps (see Dag.descendantsAmong).
  private static void references(
      List<Step.Builder> steps, Map<String, List<String>> graph, Dag dag, List<String> problems) {
    List<Map.Entry<String, Reference>> pending = new ArrayList<>();
    Map<String, Set<String>> referrersOf = new HashMap<>();
    for (Step.Builder step : steps) {
      Set<String> direct = new HashSet<>(withoutSelf(step));
      for (Reference reference : parse(step, problems)) {
        if (!direct.contains(reference.step()) || !graph.containsKey(reference.step())) {
          pending.add(Map.entry(step.name(), reference));
          referrersOf.computeIfAbsent(reference.step(), k -> new HashSet<>()).add(step.name());
        }
      }
    }
    Map<String, Set<String>> reached = dag.descendantsAmong(referrersOf);
    Set<String> ordered = dag.orderable();
    for (Map.Entry<String, Reference> p : pending) {
      String target = p.getValue().step();
      if (!graph.containsKey(target)) {
        problems.add("step '" + p.getKey() + "' references unknown step in " + p.getValue());
      } else if (ordered.contains(p.getKey())
          && !reached.getOrDefault(target, Set.of()).contains(p.getKey())) {
        problems.add(notAncestor(p.getKey(), p.getValue()));
      }
    }
  }

  private static List<Reference> parse(Step.Builder step, List<String> problems) {
    try {
      return References.find(step.rawInputs());
    } catch (IllegalArgumentException e) {
      problems.add("step '" + step.name() + "' has a " + e.getMessage());
      return List.of();
    }
  }

  private static String notAncestor(String step, Reference reference) {
    return "step '"
        + step
        + "' references "
        + reference
        + " but '"
        + reference.step()
        + "' is not an ancestor; add it to after(...)";
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
    budget.maxUsd().ifPresent(u -> text.append(text.length() > 0 ? ", " : "").append(u));
    return text.length() == 0 ? "(unlimited)" : "(" + text + ")";
  }
}
