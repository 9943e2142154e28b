package dev.olympus.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanBuilderTest {

  private static Plan notes() {
    return Plan.builder("notes from report")
        .budget(Budget.ofTokens(20_000).andUsd("0.05"))
        .step("read", s -> s.uses("fs.read", "fs.read").with("path", "docs/report.txt"))
        .step(
            "summarize",
            s ->
                s.uses("llm.generate")
                    .after("read")
                    .with("prompt", "Summarize:\n${read.content}")
                    .guard(g -> g.retries(2).deadline(Duration.ofSeconds(60))))
        .step(
            "write",
            s ->
                s.uses("fs.write")
                    .after("summarize")
                    .with("path", "notes.md")
                    .with("content", "${summarize.text}"))
        .build();
  }

  private static List<String> problems(Plan.Builder builder) {
    return assertThrows(PlanValidationException.class, builder::build).problems();
  }

  @Test
  void buildsTheDesignExample() {
    Plan plan = notes();
    assertEquals(List.of("read", "summarize", "write"), plan.topologicalOrder());
    assertEquals(2, plan.step("summarize").guard().retries());
    assertEquals(Duration.ofSeconds(60), plan.step("summarize").guard().deadline().orElseThrow());
    assertEquals(List.of("read"), plan.step("summarize").after());
    assertEquals(
        List.of(new Reference("summarize", List.of("text"))), plan.step("write").references());
    assertEquals(Money.usd("0.05"), plan.budget().maxUsd().orElseThrow());
    assertEquals(CapabilityRef.of("fs.read", "fs.read"), plan.step("read").capability());
  }

  @Test
  void eachPlanGetsItsOwnIdUnlessOneIsGiven() {
    assertNotEquals(notes().id(), notes().id());
    Plan plan = Plan.builder("t").id("plan-1").step("a", s -> s.uses("x")).build();
    assertEquals("plan-1", plan.id());
    assertThrows(IllegalArgumentException.class, () -> Plan.builder("t").id("has space"));
  }

  @Test
  void stepsAreImmutable() {
    Plan plan = notes();
    plan.step("read").inputs().put("path", "/etc/passwd");
    assertEquals("docs/report.txt", plan.step("read").inputs().get("path").asText());
    assertThrows(UnsupportedOperationException.class, () -> plan.steps().clear());
  }

  @Test
  void emptyPlanIsRejected() {
    assertEquals(List.of("the plan has no steps"), problems(Plan.builder("nothing")));
  }

  @Test
  void blankTitleIsRejectedAtOnce() {
    assertThrows(IllegalArgumentException.class, () -> Plan.builder(" "));
    assertThrows(NullPointerException.class, () -> Plan.builder(null));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    List<String> problems =
        problems(
            Plan.builder("broken")
                .step("a", s -> s.uses("x").after("ghost"))
                .step("a", s -> s.uses("y"))
                .step("b", s -> s.after("b"))
                .step("bad name", s -> s.uses("z"))
                .step("c", s -> s.uses("z").with("text", "${nobody.field}")));
    assertTrue(problems.contains("step 'a' depends on unknown step 'ghost'"), problems::toString);
    assertTrue(problems.contains("duplicate step name 'a'"), problems::toString);
    assertTrue(problems.contains("step 'b' depends on itself"), problems::toString);
    assertTrue(
        problems.contains("step 'b': no capability; call uses(\"tool.id\")"), problems::toString);
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith("step name 'bad name'")), problems::toString);
    assertTrue(
        problems.contains("step 'c' references unknown step in ${nobody.field}"),
        problems::toString);
    assertEquals(6, problems.size(), problems::toString);
  }

  @Test
  void reportsTheCyclePath() {
    List<String> problems =
        problems(
            Plan.builder("loop")
                .step("a", s -> s.uses("x").after("c"))
                .step("b", s -> s.uses("x").after("a"))
                .step("c", s -> s.uses("x").after("b"))
                .step("d", s -> s.uses("x")));
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith("dependency cycle: "), problems::toString);
    String path = problems.get(0).substring("dependency cycle: ".length()).split(" \\(")[0];
    List<String> cycle = List.of(path.split(" -> "));
    assertEquals(cycle.get(0), cycle.get(cycle.size() - 1));
    assertEquals(4, cycle.size());
  }

  @Test
  void referenceToANonAncestorIsRejected() {
    List<String> problems =
        problems(
            Plan.builder("refs")
                .step("a", s -> s.uses("x"))
                .step("b", s -> s.uses("x"))
                .step("c", s -> s.uses("x").after("a").with("v", "${b.out}")));
    assertEquals(
        List.of("step 'c' references ${b.out} but 'b' is not an ancestor; add it to after(...)"),
        problems);
  }

  @Test
  void referenceToATransitiveAncestorIsAccepted() {
    Plan plan =
        Plan.builder("refs")
            .step("a", s -> s.uses("x"))
            .step("b", s -> s.uses("x").after("a"))
            .step("c", s -> s.uses("x").after("b").with("v", "${a.out.items.0}"))
            .build();
    assertEquals(Set.of("a", "b"), plan.ancestors("c"));
  }

  @Test
  void malformedReferencesAreRejected() {
    List<String> problems =
        problems(
            Plan.builder("refs")
                .step("a", s -> s.uses("x"))
                .step("b", s -> s.uses("x").after("a").with("v", "${a.out"))
                .step("c", s -> s.uses("x").after("a").with("v", "${a..x}"))
                .step("d", s -> s.uses("x").after("a").with("v", "${9a}")));
    assertEquals(3, problems.size(), problems::toString);
    assertTrue(problems.get(0).contains("unclosed reference"), problems::toString);
    assertTrue(problems.get(1).contains("bad path segment ''"), problems::toString);
    assertTrue(problems.get(2).contains("must start with a step name"), problems::toString);
  }

  @Test
  void escapedReferencesAreLiteralText() {
    Plan plan =
        Plan.builder("esc").step("a", s -> s.uses("x").with("v", "cost: $${price}")).build();
    assertTrue(plan.step("a").references().isEmpty());
  }

  @Test
  void badGuardValuesAreReported() {
    List<String> problems =
        problems(
            Plan.builder("guards")
                .step("a", s -> s.uses("x").guard(g -> g.retries(-1)))
                .step("b", s -> s.uses("x").guard(g -> g.deadline(Duration.ZERO)))
                .step("c", s -> s.uses("x").guard(g -> g.jitter(1.5)))
                .step("d", s -> s.uses("x").guard(g -> g.backoff(Duration.ofMillis(-1)))));
    assertEquals(
        List.of(
            "step 'a': retries must be between 0 and 100 but was -1",
            "step 'b': deadline must be positive but was PT0S",
            "step 'c': jitter must be between 0 and 1 but was 1.5",
            "step 'd': backoff must be positive but was PT-0.001S"),
        problems);
  }

  @Test
  void stepBudgetLargerThanPlanBudgetIsRejected() {
    List<String> problems =
        problems(
            Plan.builder("money")
                .budget(Budget.ofTokens(1000).andUsd("0.10"))
                .step("a", s -> s.uses("x").guard(g -> g.budget(Budget.ofTokens(2000))))
                .step("b", s -> s.uses("x").guard(g -> g.budget(Budget.ofUsd("0.25"))))
                .step("c", s -> s.uses("x").guard(g -> g.budget(Budget.ofUsd("0.10")))));
    assertEquals(
        List.of(
            "step 'a' has a budget (2000 tokens) larger than the plan budget (1000 tokens, $0.10)",
            "step 'b' has a budget ($0.25) larger than the plan budget (1000 tokens, $0.10)"),
        problems);
  }

  @Test
  void zeroOrNegativeLimitsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Budget.ofTokens(0));
    assertThrows(IllegalArgumentException.class, () -> Budget.ofTokens(-5));
    assertThrows(IllegalArgumentException.class, () -> Budget.ofUsd("0"));
    assertThrows(IllegalArgumentException.class, () -> Budget.ofUsd("-0.01"));
    assertThrows(
        IllegalArgumentException.class, () -> Plan.builder("t").deadline(Duration.ofSeconds(-1)));
  }

  @Test
  void runnableStepsFollowDependencies() {
    Plan plan = notes();
    Map<String, StepState> states =
        new java.util.HashMap<>(
            Map.of(
                "read",
                StepState.PENDING,
                "summarize",
                StepState.PENDING,
                "write",
                StepState.PENDING));
    assertEquals(List.of("read"), plan.runnableSteps(states));
    states.put("read", StepState.DONE);
    assertEquals(List.of("summarize"), plan.runnableSteps(states));
    states.put("summarize", StepState.FAILED);
    assertEquals(List.of(), plan.runnableSteps(states));
    assertEquals(List.of("write"), plan.stepsToSkip("summarize", states));
  }

  @Test
  void anOptionalFailedStepDoesNotStopItsDependents() {
    Plan plan =
        Plan.builder("optional")
            .step("a", s -> s.uses("x").guard(g -> g.optional(true)))
            .step("b", s -> s.uses("x").after("a"))
            .build();
    Map<String, StepState> states = Map.of("a", StepState.FAILED, "b", StepState.PENDING);
    assertEquals(List.of("b"), plan.runnableSteps(states));
    assertTrue(plan.stepsToSkip("a", states).isEmpty());
  }

  @Test
  void resolveInputsReadsOnlyAncestors() {
    Plan plan = notes();
    var out = JsonNodeFactory.instance.objectNode().put("text", "short");
    var resolved = plan.resolveInputs("write", Map.of("summarize", out));
    assertEquals("short", resolved.get("content").asText());
    assertFalse(resolved.get("path").asText().contains("$"));
  }

  @Test
  void unknownStepLookupNamesIt() {
    var e = assertThrows(IllegalArgumentException.class, () -> notes().step("nope"));
    assertEquals("plan 'notes from report' has no step 'nope'", e.getMessage());
  }

  @Test
  void aStepEqualsItsParsedCopyAndCopiesItsInputsOut() {
    Plan plan = notes();
    Step read = plan.steps().get(0);

    assertEquals(read, PlanJson.readPlan(PlanJson.write(plan)).steps().get(0));
    assertEquals(
        read.hashCode(), PlanJson.readPlan(PlanJson.write(plan)).steps().get(0).hashCode());
    read.inputs().put("path", "changed");
    assertEquals(plan.steps().get(0).inputs(), read.inputs());
    assertTrue(read.toString().startsWith("Step[name=" + read.name()), read.toString());
  }
}
