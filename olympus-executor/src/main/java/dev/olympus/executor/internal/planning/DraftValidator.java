package dev.olympus.executor.internal.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanFormatException;
import dev.olympus.plan.PlanJson;
import dev.olympus.plan.PlanValidationException;
import dev.olympus.plan.Step;
import dev.olympus.tools.ToolRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a model's draft plan and lists every problem, each naming where (a JSON path) and what
 * to do: the answer must be a JSON plan the codec reads (shape, names, DAG, references to
 * ancestors, step budgets within the plan's); every {@code uses} must be a registered tool; every
 * step's inputs must match the tool's schema (fields holding references are skipped, see {@link
 * InputCheck}); the plan's budget must be within the context's (a draft that sets none gets the
 * context's, a missing dimension is filled in); and no step may repeat an approach that failed
 * before for a similar goal. Thread-safe.
 */
final class DraftValidator {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final ToolRegistry tools;
  private final InputCheck inputs;

  DraftValidator(ToolRegistry tools) {
    this.tools = tools;
    this.inputs = new InputCheck(tools);
  }

  /** The outcome: a plan when there is no problem. */
  record Verdict(Optional<Plan> plan, List<String> problems) {
    Verdict {
      problems = List.copyOf(problems);
    }

    boolean valid() {
      return plan.isPresent();
    }
  }

  /** Validates {@code answer} for a goal with {@code goalKeywords}. */
  Verdict validate(
      String answer,
      Set<String> goalKeywords,
      Optional<Budget> budget,
      List<FailedApproach> failed) {
    JsonNode tree;
    try {
      tree = JSON.readTree(unfenced(answer));
    } catch (JsonProcessingException e) {
      return invalid(List.of("$: the answer is not JSON: " + e.getOriginalMessage()));
    }
    if (tree == null || !tree.isObject()) {
      return invalid(List.of("$: expected a JSON object (the plan) but got " + kind(tree)));
    }
    ObjectNode draft = (ObjectNode) tree;
    draft.remove("id"); // every drafted plan gets a fresh id
    if (!draft.has("schemaVersion")) {
      draft.put("schemaVersion", 1); // the version the prompt asked for
    }
    budget.ifPresent(b -> fillBudget(draft, b));
    Set<String> problems = new LinkedHashSet<>(toolProblems(draft));
    Optional<Plan> plan = read(draft, problems);
    if (plan.isPresent()) {
      budget.flatMap(b -> budgetProblem(plan.get().budget(), b)).ifPresent(problems::add);
      problems.addAll(repeated(plan.get(), goalKeywords, failed));
    }
    return problems.isEmpty() ? new Verdict(plan, List.of()) : invalid(new ArrayList<>(problems));
  }

  private static Optional<Plan> read(ObjectNode draft, Set<String> problems) {
    try {
      return Optional.of(PlanJson.readPlan(draft));
    } catch (PlanValidationException e) {
      problems.addAll(e.problems());
    } catch (PlanFormatException e) {
      problems.add(e.getMessage());
    }
    return Optional.empty();
  }

  private List<String> toolProblems(ObjectNode draft) {
    List<String> problems = new ArrayList<>();
    JsonNode steps = draft.path("steps");
    for (int i = 0; i < steps.size() && steps.isArray(); i++) {
      JsonNode uses = steps.get(i).path("uses");
      String at = "$.steps[" + i + "]";
      if (!uses.isTextual()) {
        continue; // the codec names the missing or mistyped field
      }
      if (tools.find(uses.textValue()).isEmpty()) {
        problems.add(
            at
                + ".uses: '"
                + uses.textValue()
                + "' is not an available tool; use one of "
                + tools.ids());
        continue;
      }
      JsonNode with = steps.get(i).path("with");
      if (with.isMissingNode() || with.isObject()) {
        problems.addAll(
            inputs.problems(
                uses.textValue(),
                with.isMissingNode() ? JSON.createObjectNode() : with,
                at + ".with"));
      }
    }
    return problems;
  }

  private static List<String> repeated(Plan plan, Set<String> goal, List<FailedApproach> failed) {
    List<String> problems = new ArrayList<>();
    for (Step step : plan.steps()) {
      for (FailedApproach approach : failed) {
        if (approach.repeatedBy(goal, step.capability().name(), step.inputs())) {
          problems.add(
              "step '"
                  + step.name()
                  + "' repeats an approach that failed before: "
                  + approach.describe()
                  + "; reach the goal another way");
          break;
        }
      }
    }
    return problems;
  }

  private static void fillBudget(ObjectNode draft, Budget limit) {
    JsonNode existing = draft.get("budget");
    if (existing != null && !existing.isObject()) {
      return; // the codec reports the mistyped field
    }
    ObjectNode budget = existing == null ? draft.putObject("budget") : (ObjectNode) existing;
    if (!budget.has("tokens")) {
      limit.maxTokens().ifPresent(t -> budget.put("tokens", t));
    }
    if (!budget.has("usd")) {
      limit.maxUsd().ifPresent(u -> budget.put("usd", u.amount().toPlainString()));
    }
  }

  private static Optional<String> budgetProblem(Budget plan, Budget limit) {
    boolean tokens =
        limit.maxTokens().isEmpty()
            || (plan.maxTokens().isPresent()
                && plan.maxTokens().getAsLong() <= limit.maxTokens().getAsLong());
    boolean usd =
        limit.maxUsd().isEmpty()
            || (plan.maxUsd().isPresent() && !plan.maxUsd().get().exceeds(limit.maxUsd().get()));
    if (tokens && usd) {
      return Optional.empty();
    }
    return Optional.of(
        "$.budget: the plan may spend at most "
            + describe(limit)
            + " but asks for "
            + describe(plan));
  }

  private static String describe(Budget budget) {
    List<String> parts = new ArrayList<>();
    budget.maxTokens().ifPresent(t -> parts.add(t + " tokens"));
    budget.maxUsd().ifPresent(u -> parts.add(u.toString()));
    return parts.isEmpty() ? "no limit" : String.join(" and ", parts);
  }

  /**
   * The answer without a Markdown code fence around it, which some models add even in JSON mode.
   */
  static String unfenced(String answer) {
    String text = answer.strip();
    if (text.startsWith("```") && text.endsWith("```") && text.length() >= 6) {
      int firstLine = text.indexOf('\n');
      return firstLine < 0 ? "" : text.substring(firstLine + 1, text.length() - 3).strip();
    }
    return text;
  }

  private static String kind(JsonNode tree) {
    return tree == null ? "nothing" : tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static Verdict invalid(List<String> problems) {
    return new Verdict(Optional.empty(), problems);
  }
}
