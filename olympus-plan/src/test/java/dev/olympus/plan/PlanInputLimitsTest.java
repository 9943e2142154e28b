package dev.olympus.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile plan input ends in a typed exception within bounded time and memory. The timeouts are
 * generous and only catch hangs; before the fixes these inputs ran out of memory, overflowed the
 * stack or ran for minutes.
 */
class PlanInputLimitsTest {
  private static final Duration HANG = Duration.ofSeconds(60);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static String planWithUsd(String usd) {
    return "{\"schemaVersion\":1,\"title\":\"t\",\"budget\":{\"usd\":"
        + usd
        + "},\"steps\":[{\"name\":\"a\",\"uses\":\"x.y\"}]}";
  }

  private static PlanFormatException formatError(String json) {
    return assertTimeoutPreemptively(
        HANG, () -> assertThrows(PlanFormatException.class, () -> PlanJson.readPlan(json)));
  }

  @Test
  void moneyWithAHugeExponentIsRefusedNotExpanded() {
    for (String usd : List.of("\"1e999999999\"", "\"1e-999999999\"", "\"-1e999999999\"")) {
      PlanFormatException e = formatError(planWithUsd(usd));
      assertEquals("$.budget", e.path(), e.getMessage());
      assertTrue(e.getMessage().contains("maxUsd must"), e.getMessage());
    }
  }

  @Test
  void moneyAsAnInfiniteJsonNumberIsAFormatError() {
    PlanFormatException e = formatError(planWithUsd("1E+999999999"));
    assertEquals("$.budget.usd", e.path(), e.getMessage());
    assertTrue(e.getMessage().contains("finite decimal number"), e.getMessage());
  }

  @Test
  void moneyWithTooManyDigitsIsRefusedInAStepGuardToo() {
    String json =
        "{\"schemaVersion\":1,\"title\":\"t\",\"steps\":[{\"name\":\"a\",\"uses\":\"x.y\","
            + "\"guard\":{\"budget\":{\"usd\":\"0."
            + "0".repeat(30)
            + "1\"}}}]}";
    assertEquals("$.steps[0].guard.budget", formatError(json).path());
    String longText = planWithUsd("\"" + "9".repeat(Budget.MAX_USD_TEXT_LENGTH + 1) + "\"");
    assertEquals("$.budget.usd", formatError(longText).path());
  }

  @Test
  void theBuilderBoundsMoneyAsTheReaderDoes() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Budget.ofUsd(Money.usd(new BigDecimal("1e999999999"))));
    assertThrows(IllegalArgumentException.class, () -> Budget.ofUsd("1e-999999999"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Budget.ofTokens(5).andUsd(Money.usd(BigDecimal.TEN.pow(100_000))));
    assertThrows(NumberFormatException.class, () -> Budget.ofUsd("1".repeat(100_000)));
    Budget widest = Budget.ofUsd("999999999999999.999999999999999999");
    Budget scientific = Budget.ofUsd("5E+2");
    Plan plan = Plan.builder("t").budget(widest).step("a", s -> s.uses("x.y")).build();
    assertEquals(plan, PlanJson.readPlan(PlanJson.write(plan)));
    assertEquals(Budget.ofUsd("500"), scientific);
  }

  @Test
  void aTreeNestedDeeperThanTheTextLimitIsAFormatErrorNotAStackOverflow() {
    ObjectNode plan = planWithInputNested(5_000);
    PlanFormatException e =
        assertTimeoutPreemptively(
            HANG, () -> assertThrows(PlanFormatException.class, () -> PlanJson.readPlan(plan)));
    assertTrue(e.path().startsWith("$.steps[0].with.n.n.n"), e.path());
    assertTrue(e.getMessage().contains("nested more than 1000 levels"), e.getMessage());
  }

  @Test
  void aTreeAsDeepAsTheTextLimitAllowsReadsLikeItsText() {
    ObjectNode plan = planWithInputNested(995);
    assertEquals(PlanJson.readPlan(plan.toString()), PlanJson.readPlan(plan));
  }

  @Test
  void aPlanLongerThanTheStepLimitIsRefusedBeforeItsStepsAreRead() {
    String json = chain(100_000, "x");
    PlanValidationException e =
        assertTimeoutPreemptively(
            HANG, () -> assertThrows(PlanValidationException.class, () -> PlanJson.readPlan(json)));
    assertEquals(
        List.of("the plan has 100000 steps; at most 10000 are allowed (see maxSteps)"),
        e.problems());
    String longer = chain(20_000, "x");
    Plan raised = assertTimeoutPreemptively(HANG, () -> PlanJson.readPlan(longer, 20_000));
    assertEquals(20_000, raised.steps().size());
  }

  @Test
  void aChainAsLongAsTheLimitValidatesWithNearAndFarReferences() {
    int n = Plan.Builder.DEFAULT_MAX_STEPS;
    Plan plan = assertTimeoutPreemptively(HANG, () -> PlanJson.readPlan(chain(n, "x")));
    assertEquals(n, plan.steps().size());
    assertEquals("s" + (n - 1), plan.topologicalOrder().get(n - 1));
  }

  @Test
  void aCycleThroughTheWholeLimitIsReportedOnce() {
    int n = Plan.Builder.DEFAULT_MAX_STEPS;
    String json =
        chain(n, "x")
            .replace("{\"name\":\"s0\",", "{\"name\":\"s0\",\"after\":[\"s" + (n - 1) + "\"],");
    PlanValidationException e =
        assertTimeoutPreemptively(
            HANG, () -> assertThrows(PlanValidationException.class, () -> PlanJson.readPlan(json)));
    assertEquals(1, e.problems().stream().filter(p -> p.startsWith("dependency cycle")).count());
  }

  @Test
  void theBuilderAppliesItsOwnLimit() {
    Plan.Builder builder = Plan.builder("t").maxSteps(2);
    builder.step("a", s -> s.uses("x")).step("b", s -> s.uses("x")).step("c", s -> s.uses("x"));
    var e = assertThrows(PlanValidationException.class, builder::build);
    assertEquals(
        List.of("the plan has 3 steps; at most 2 are allowed (see maxSteps)"), e.problems());
    assertEquals(3, builder.maxSteps(3).build().steps().size());
    assertThrows(IllegalArgumentException.class, () -> builder.maxSteps(0));
  }

  @Test
  void aMissingOrNullSchemaVersionIsRefused() {
    String body = "\"title\":\"t\",\"steps\":[{\"name\":\"a\",\"uses\":\"x\"}]}";
    for (String json : List.of("{" + body, "{\"schemaVersion\":null," + body)) {
      PlanFormatException e = formatError(json);
      assertEquals("$.schemaVersion", e.path(), e.getMessage());
    }
    ObjectNode tree = smallPlan();
    tree.remove("schemaVersion");
    var e = assertThrows(PlanFormatException.class, () -> PlanJson.readPlan(tree));
    assertEquals("$.schemaVersion", e.path());
  }

  @Test
  void aDuplicatedKeyIsRefusedWhereverItIs() {
    String steps = "\"steps\":[{\"name\":\"a\",\"uses\":\"x\"}]";
    for (String json :
        List.of(
            "{\"schemaVersion\":1,\"title\":\"t\"," + steps + "," + steps + "}",
            "{\"schemaVersion\":1,\"title\":\"t\",\"title\":\"u\"," + steps + "}",
            "{\"schemaVersion\":1,\"title\":\"t\",\"steps\":[{\"name\":\"a\",\"uses\":\"x\","
                + "\"with\":{\"path\":\"a\",\"path\":\"b\"}}]}")) {
      PlanFormatException e = formatError(json);
      assertTrue(e.getMessage().contains("Duplicate field"), e.getMessage());
    }
  }

  /** A chain s0 ← s1 ← … where each step reads its predecessor and step i also reads i / 2. */
  private static String chain(int n, String uses) {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":1,\"title\":\"chain\",\"steps\":[");
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",").append("{\"name\":\"s").append(i).append("\",\"uses\":\"");
      json.append(uses).append('"');
      if (i > 0) {
        json.append(",\"after\":[\"s").append(i - 1).append("\"],\"with\":{\"near\":\"${s");
        json.append(i - 1)
            .append(".out}\"")
            .append(",\"far\":\"${s")
            .append(i / 2)
            .append(".out}\"");
        json.append('}');
      }
      json.append('}');
    }
    return json.append("]}").toString();
  }

  /** A one-step plan whose step input nests {@code depth} objects (the plan adds 4 levels). */
  private static ObjectNode planWithInputNested(int depth) {
    ObjectNode plan = smallPlan();
    JsonNode deep = JSON.textNode("bottom");
    for (int i = 0; i < depth; i++) {
      deep = JSON.objectNode().set("n", deep);
    }
    ((ObjectNode) plan.get("steps").get(0)).set("with", deep);
    return plan;
  }

  private static ObjectNode smallPlan() {
    ObjectNode plan = JSON.objectNode().put("schemaVersion", 1).put("id", "p").put("title", "t");
    plan.putArray("steps").addObject().put("name", "a").put("uses", "x");
    return plan;
  }
}
