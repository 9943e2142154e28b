package dev.olympus.executor.internal.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.Budget;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Draft validation without a model: capabilities, schemas with references, budgets, repeats. */
class DraftValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COUNT_SCHEMA =
      """
      {"type":"object","additionalProperties":false,"required":["count","label"],"properties":{
        "count":{"type":"integer","minimum":1},
        "label":{"type":"string","pattern":"^[a-z]+$"},
        "options":{"type":"object","additionalProperties":false,"properties":{
          "depth":{"type":"integer"},"url":{"type":"string","pattern":"^https://"}}}}}
      """;

  private final ToolRegistry tools =
      ToolRegistry.builder()
          .add(tool("data.read", "{}"))
          .add(tool("data.count", COUNT_SCHEMA))
          .build();
  private final DraftValidator validator = new DraftValidator(tools);

  @Test
  void neverAcceptsAnUnregisteredCapability() {
    qt().withExamples(200)
        .forAll(
            strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 8),
            strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 8),
            integers().between(0, 3))
        .assuming((a, b, at) -> tools.find(a + "." + b).isEmpty())
        .checkAssert(
            (a, b, at) -> {
              ObjectNode draft = JSON.createObjectNode().put("title", "t");
              ArrayNode steps = draft.putArray("steps");
              for (int i = 0; i < 4; i++) {
                steps
                    .addObject()
                    .put("name", "s" + i)
                    .put("uses", i == at ? a + "." + b : "data.read");
              }
              DraftValidator.Verdict verdict = validate(draft.toString());
              assertFalse(verdict.valid());
              assertTrue(
                  verdict
                      .problems()
                      .contains(
                          "$.steps["
                              + at
                              + "].uses: '"
                              + a
                              + "."
                              + b
                              + "' is not an available tool; use one of [data.read, data.count]"),
                  verdict.problems().toString());
            });
  }

  @Test
  void fieldsHoldingReferencesAreSkippedAndTheOthersChecked() {
    String draft =
        """
        {"title":"t","steps":[
          {"name":"a","uses":"data.read"},
          {"name":"b","uses":"data.count","after":["a"],
           "with":{"count":"${a.n}","label":"x ${a.name}",
                   "options":{"depth":"${a.depth}","url":"ftp://nope"}}}]}
        """;

    List<String> problems = validate(draft).problems();

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("$.steps[1].with.options.url: "), problems.get(0));
  }

  @Test
  void aReferenceToAToolWithoutNamedInputsIsAccepted() {
    String draft =
        """
        {"title":"t","steps":[{"name":"a","uses":"data.read"},
          {"name":"b","uses":"data.read","after":["a"],"with":{"from":"${a.out}"}}]}
        """;

    assertTrue(validate(draft).valid(), validate(draft).problems().toString());
  }

  @Test
  void aMalformedReferenceIsCheckedAsTheLiteralItIs() {
    String draft =
        """
        {"title":"t","steps":[
          {"name":"b","uses":"data.count","with":{"count":"${a.n","label":"abc"}}]}
        """;

    List<String> problems = validate(draft).problems();

    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith("$.steps[0].with.count: ")),
        problems.toString());
  }

  @Test
  void literalInputsAreCheckedWithTheirPaths() {
    String draft =
        """
        {"title":"t","steps":[{"name":"b","uses":"data.count","with":{"count":0,"extra":1}}]}
        """;

    List<String> problems = validate(draft).problems();

    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith("$.steps[0].with.count: ")),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("label")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("extra")), problems.toString());
  }

  @Test
  void aReferenceStillNeedsItsRequiredField() {
    String draft =
        """
        {"title":"t","steps":[{"name":"a","uses":"data.read"},
          {"name":"b","uses":"data.count","after":["a"],"with":{"count":"${a.n}"}}]}
        """;

    List<String> problems = validate(draft).problems();

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("label"), problems.get(0));
  }

  @Test
  void fencedAnswersAreRead() {
    String draft =
        "```json\n{\"title\":\"t\",\"steps\":[{\"name\":\"a\",\"uses\":\"data.read\"}]}\n```";

    assertTrue(validate(draft).valid());
  }

  @Test
  void nonObjectsAndTrailingTextAreRefused() {
    assertEquals(
        List.of("$: expected a JSON object (the plan) but got array"), validate("[1]").problems());
    assertTrue(validate("{\"title\":\"t\"} and more").problems().get(0).contains("not JSON"));
  }

  @Test
  void aStepBudgetOverThePlanBudgetIsReported() {
    String draft =
        """
        {"title":"t","budget":{"tokens":100},"steps":[
          {"name":"a","uses":"data.read","guard":{"budget":{"tokens":500}}}]}
        """;

    DraftValidator.Verdict verdict =
        validator.validate(draft, Set.of(), Optional.of(Budget.ofTokens(1000)), List.of());

    assertFalse(verdict.valid());
    assertTrue(verdict.problems().toString().contains("budget"), verdict.problems().toString());
  }

  @Test
  void aDraftRepeatingAFailedApproachIsFlagged() {
    FailedApproach failed =
        new FailedApproach(
            FailedApproach.keywords("count the invoices"),
            "count the invoices",
            "data.count",
            "ToolExecutionException",
            "too many",
            Map.of("count", "number", "label", "text"));
    String draft =
        """
        {"title":"t","steps":[{"name":"n","uses":"data.count","with":{"count":5,"label":"abc"}}]}
        """;

    List<String> similar =
        validator
            .validate(
                draft,
                FailedApproach.keywords("count invoices of May"),
                Optional.empty(),
                List.of(failed))
            .problems();
    List<String> unrelated =
        validator
            .validate(
                draft,
                FailedApproach.keywords("weather in Paris"),
                Optional.empty(),
                List.of(failed))
            .problems();

    assertEquals(1, similar.size());
    assertTrue(similar.get(0).startsWith("step 'n' repeats an approach that failed before"));
    assertTrue(unrelated.isEmpty());
  }

  @Test
  void shapesAndKeywords() {
    ObjectNode input =
        JSON.createObjectNode()
            .put("path", "reports/2026/q3.PDF")
            .put("url", "https://Example.com/x?y")
            .put("content", "${read.text}")
            .put("note", "hello world")
            .put("n", 3)
            .put("overwrite", false);

    assertEquals(
        Map.of(
            "path", "path:reports/*.pdf",
            "url", "url:example.com",
            "content", "ref",
            "note", "text",
            "n", "number",
            "overwrite", "false"),
        FailedApproach.shape(input));
    assertEquals(
        Set.of("summarize", "report", "note"),
        FailedApproach.keywords("Summarize the reports into notes, please"));
    assertTrue(FailedApproach.similarGoals(Set.of("a", "b", "c"), Set.of("a", "d")));
    assertFalse(
        FailedApproach.similarGoals(Set.of("a", "b", "c", "d"), Set.of("a", "e", "f", "g")));
  }

  @Test
  void locatesValidatorMessages() {
    assertEquals("$.w.a[0].b: bad", InputCheck.located("/a/0/b: bad", "$.w"));
    assertEquals("$.w.a: bad", InputCheck.located("$.a: bad", "$.w"));
    assertEquals(
        "$.w: required property 'x' not found",
        InputCheck.located("$: required property 'x' not found", "$.w"));
  }

  @Test
  void aPlanMaySpendExactlyTheContextsBudgetAndGetsItWhereItSetsNone() {
    Budget limit = Budget.ofTokens(1000).andUsd("0.50");
    String steps = "\"steps\":[{\"name\":\"a\",\"uses\":\"data.read\"}]";

    assertEquals(
        Optional.of(limit), budgetOf("{\"title\":\"t\"," + steps + "}", limit), "none set");
    assertEquals(
        Optional.of(Budget.ofTokens(10).andUsd("0.50")),
        budgetOf("{\"title\":\"t\",\"budget\":{\"tokens\":10}," + steps + "}", limit),
        "the missing dimension is filled in");
    assertEquals(
        Optional.of(Budget.ofTokens(1000).andUsd("0.05")),
        budgetOf("{\"title\":\"t\",\"budget\":{\"usd\":\"0.05\"}," + steps + "}", limit));
    String exact = "{\"title\":\"t\",\"budget\":{\"tokens\":1000,\"usd\":\"0.50\"}," + steps + "}";
    assertEquals(Optional.of(limit), budgetOf(exact, limit), "at the limit");

    assertEquals(
        List.of(
            "$.budget: the plan may spend at most 1000 tokens and $0.50 but asks for 1001 tokens"
                + " and $0.50"),
        validator
            .validate(exact.replace("1000", "1001"), Set.of(), Optional.of(limit), List.of())
            .problems());
    assertEquals(
        List.of(
            "$.budget: the plan may spend at most 1000 tokens and $0.50 but asks for 1000 tokens"
                + " and $0.51"),
        validator
            .validate(exact.replace("0.50", "0.51"), Set.of(), Optional.of(limit), List.of())
            .problems());
    String mistyped = "{\"title\":\"t\",\"budget\":\"lots\"," + steps + "}";
    assertFalse(validator.validate(mistyped, Set.of(), Optional.of(limit), List.of()).valid());
  }

  @Test
  void aStepWithoutInputsIsCheckedAsAnEmptyObject() {
    List<String> problems =
        validate("{\"title\":\"t\",\"steps\":[{\"name\":\"a\",\"uses\":\"data.count\"}]}")
            .problems();
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("$.steps[0].with"), problems.toString());
  }

  @Test
  void aFenceWithNothingInsideIsNoPlan() {
    assertEquals(
        validate("").problems(), validate("``````").problems(), "six backticks hold nothing");
    assertEquals(validate("").problems(), validate("```{}```").problems(), "no line inside");
  }

  private Optional<Budget> budgetOf(String draft, Budget limit) {
    DraftValidator.Verdict verdict =
        validator.validate(draft, Set.of(), Optional.of(limit), List.of());
    assertTrue(verdict.valid(), verdict.problems().toString());
    return verdict.plan().map(p -> p.budget());
  }

  private DraftValidator.Verdict validate(String draft) {
    return validator.validate(draft, Set.of(), Optional.empty(), List.of());
  }

  private static Tool tool(String id, String schema) {
    try {
      return Tool.builder(id)
          .description("test tool " + id)
          .inputSchema(JSON.readTree(schema))
          .sideEffect(SideEffect.READ_ONLY)
          .handler((input, context) -> input);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
