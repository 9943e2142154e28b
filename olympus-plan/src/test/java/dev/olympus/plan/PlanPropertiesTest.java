package dev.olympus.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Properties that must hold for every plan, checked on random DAGs. */
class PlanPropertiesTest {

  /** Random DAG: step i may depend only on steps with a smaller index. */
  static List<List<Integer>> randomDag(int size, long seed) {
    Random random = new Random(seed);
    List<List<Integer>> deps = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Set<Integer> d = new HashSet<>();
      int count = i == 0 ? 0 : random.nextInt(Math.min(i, 4) + 1);
      for (int k = 0; k < count; k++) {
        d.add(random.nextInt(i));
      }
      deps.add(new ArrayList<>(d));
    }
    return deps;
  }

  static Plan.Builder builderFor(List<List<Integer>> deps, long seed, boolean withReferences) {
    Random random = new Random(seed);
    Plan.Builder builder = Plan.builder("random " + seed);
    for (int i = 0; i < deps.size(); i++) {
      List<Integer> d = deps.get(i);
      builder.step(
          "s" + i,
          s -> {
            s.uses("tool.t" + random.nextInt(3))
                .after(d.stream().map(n -> "s" + n).toArray(String[]::new));
            if (withReferences && !d.isEmpty()) {
              s.with("in", "${s" + d.get(0) + ".value}");
            }
            s.with("n", random.nextInt(100));
            if (random.nextBoolean()) {
              s.guard(
                  g ->
                      g.retries(random.nextInt(5))
                          .deadline(Duration.ofMillis(1 + random.nextInt(5000))));
            }
          });
    }
    return builder;
  }

  @Test
  void randomDagsAreAcceptedAndTheirOrderRespectsEveryEdge() {
    qt().withExamples(300)
        .forAll(integers().between(1, 60), longs().all())
        .checkAssert(
            (size, seed) -> {
              Plan plan = builderFor(randomDag(size, seed), seed, true).build();
              List<String> order = plan.topologicalOrder();
              assertEquals(size, order.size());
              for (Step step : plan.steps()) {
                for (String dep : step.after()) {
                  assertTrue(
                      order.indexOf(dep) < order.indexOf(step.name()),
                      dep + " before " + step.name());
                }
              }
            });
  }

  @Test
  void aBackEdgeIsRejectedWithACorrectCycle() {
    qt().withExamples(300)
        .forAll(integers().between(2, 40), longs().all())
        .checkAssert(
            (size, seed) -> {
              List<List<Integer>> deps = randomDag(size, seed);
              Random random = new Random(seed ^ 0x5DEECE66DL);
              int to = random.nextInt(size - 1);
              int from = to + 1 + random.nextInt(size - to - 1);
              // Make a path to -> from exist, then close it with the back edge from -> to.
              deps.get(from).add(to);
              if (!deps.get(to).contains(from)) {
                deps.get(to).add(from);
              }
              var e =
                  assertThrows(
                      PlanValidationException.class, () -> builderFor(deps, seed, false).build());
              String problem =
                  e.problems().stream()
                      .filter(p -> p.startsWith("dependency cycle"))
                      .findFirst()
                      .orElseThrow();
              List<String> cycle = List.of(problem.substring(18).split(" \\(")[0].split(" -> "));
              assertEquals(cycle.get(0), cycle.get(cycle.size() - 1));
              for (int i = 0; i + 1 < cycle.size(); i++) {
                int a = Integer.parseInt(cycle.get(i).substring(1));
                int b = Integer.parseInt(cycle.get(i + 1).substring(1));
                assertTrue(deps.get(a).contains(b), cycle + " is not a path of edges");
              }
            });
  }

  @Test
  void aReferenceIsAcceptedExactlyWhenItsStepIsAnAncestor() {
    qt().withExamples(300)
        .forAll(integers().between(2, 40), longs().all())
        .checkAssert(
            (size, seed) -> {
              List<List<Integer>> deps = randomDag(size, seed);
              Plan plain = builderFor(deps, seed, false).build();
              Random random = new Random(seed ^ 0x2545F4914F6CDD1DL);
              int from = 1 + random.nextInt(size - 1);
              int to = random.nextInt(size);
              Plan.Builder builder = builderFor(deps, seed, false);
              builder.step(
                  "probe", s -> s.uses("x").after("s" + from).with("v", "${s" + to + ".v}"));
              boolean ancestor = to == from || plain.ancestors("s" + from).contains("s" + to);
              if (ancestor) {
                assertEquals(size + 1, builder.build().steps().size());
              } else {
                var e = assertThrows(PlanValidationException.class, builder::build);
                assertEquals(1, e.problems().size(), e.problems()::toString);
                assertTrue(e.problems().get(0).contains("is not an ancestor"), e::getMessage);
              }
            });
  }

  @Test
  void everyStepReferencingAnyEarlierStepIsJudgedByAncestryAcrossBatches() {
    qt().withExamples(40)
        .forAll(integers().between(65, 300), longs().all())
        .checkAssert(
            (size, seed) -> {
              List<List<Integer>> deps = randomDag(size, seed);
              Plan plain = builderFor(deps, seed, false).build();
              Random random = new Random(seed ^ 0x9E3779B97F4A7C15L);
              Plan.Builder builder = Plan.builder("refs");
              Set<String> expected = new HashSet<>();
              for (int i = 0; i < size; i++) {
                String name = "s" + i;
                String target = "s" + (i == 0 ? 0 : random.nextInt(i));
                String[] after = deps.get(i).stream().map(n -> "s" + n).toArray(String[]::new);
                builder.step(name, s -> s.uses("x").after(after).with("v", "${" + target + ".v}"));
                if (!plain.ancestors(name).contains(target)) {
                  expected.add(name);
                }
              }
              Set<String> reported = new HashSet<>();
              try {
                builder.build();
              } catch (PlanValidationException e) {
                e.problems().forEach(p -> reported.add(p.substring(6, p.indexOf("' "))));
              }
              assertEquals(expected, reported);
            });
  }

  @Test
  void aDollarLimitIsEitherRefusedOrPrintsInBoundedSpace() {
    qt().forAll(longs().between(1, Long.MAX_VALUE), integers().between(-60, 60))
        .checkAssert(
            (unscaled, scale) -> {
              java.math.BigDecimal usd = java.math.BigDecimal.valueOf(unscaled, scale);
              Budget budget;
              try {
                budget = Budget.ofUsd(Money.usd(usd));
              } catch (IllegalArgumentException refused) {
                assertTrue(refused.getMessage().startsWith("maxUsd must have at most"));
                return;
              }
              String plain = budget.maxUsd().orElseThrow().amount().toPlainString();
              assertTrue(plain.length() <= 2 + 20 + Budget.MAX_USD_FRACTION_DIGITS, plain);
              assertEquals(budget, PlanJson.readPlan(PlanJson.write(withBudget(budget))).budget());
            });
  }

  private static Plan withBudget(Budget budget) {
    return Plan.builder("money").budget(budget).step("a", s -> s.uses("x")).build();
  }

  @Test
  void noTransitionLeavesATerminalState() {
    qt().forAll(
            integers().between(0, StepState.values().length - 1),
            integers().between(0, StepState.values().length - 1))
        .checkAssert(
            (from, to) -> {
              StepState f = StepState.values()[from];
              StepState t = StepState.values()[to];
              if (f.isTerminal()) {
                assertFalse(f.canMoveTo(t));
                assertThrows(IllegalTransitionException.class, () -> f.moveTo(t));
              }
            });
    qt().forAll(
            integers().between(0, PlanState.values().length - 1),
            integers().between(0, PlanState.values().length - 1))
        .checkAssert(
            (from, to) -> {
              PlanState f = PlanState.values()[from];
              PlanState t = PlanState.values()[to];
              if (f.isTerminal()) {
                assertFalse(f.canMoveTo(t));
                assertThrows(IllegalTransitionException.class, () -> f.moveTo(t));
              }
            });
  }

  @Test
  void jsonRoundTripIsTheIdentity() {
    qt().withExamples(200)
        .forAll(integers().between(1, 30), longs().all())
        .checkAssert(
            (size, seed) -> {
              Plan plan =
                  builderFor(randomDag(size, seed), seed, true)
                      .budget(Budget.ofTokens(1 + Math.abs(seed % 100_000)))
                      .build();
              String json = PlanJson.write(plan);
              Plan back = PlanJson.readPlan(json);
              assertEquals(plan, back);
              assertEquals(json, PlanJson.write(back));
            });
  }

  @Test
  void resolutionNeverTouchesANonAncestor() {
    qt().withExamples(200)
        .forAll(integers().between(1, 40), longs().all())
        .checkAssert(
            (size, seed) -> {
              Plan plan = builderFor(randomDag(size, seed), seed, true).build();
              Map<String, JsonNode> outputs = new RecordingMap();
              for (Step step : plan.steps()) {
                outputs.put(
                    step.name(), JsonNodeFactory.instance.objectNode().put("value", step.name()));
              }
              for (Step step : plan.steps()) {
                RecordingMap recording = (RecordingMap) outputs;
                recording.touched.clear();
                JsonNode resolved = plan.resolveInputs(step.name(), outputs);
                Set<String> ancestors = plan.ancestors(step.name());
                assertTrue(
                    ancestors.containsAll(recording.touched),
                    step.name() + " touched " + recording.touched);
                if (!step.after().isEmpty()) {
                  assertEquals(step.after().get(0), resolved.get("in").asText());
                }
              }
            });
  }

  /** A map that records which keys were read. */
  private static final class RecordingMap extends java.util.HashMap<String, JsonNode> {
    private static final long serialVersionUID = 1L;
    final transient Set<Object> touched = new HashSet<>();

    @Override
    public JsonNode get(Object key) {
      touched.add(key);
      return super.get(key);
    }
  }
}
