package dev.olympus.executor.internal.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the planner remembers of a failed approach, and when a draft repeats it. */
class FailedApproachTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void keywordsAreLongWordsWithoutCommonOnesOrAPluralS() {
    assertEquals(
        Set.of("download", "report", "invoice", "class", "bus", "2026"),
        FailedApproach.keywords("Download the REPORTS and invoices: class, bus, as of 2026"));
    assertEquals(Set.of("file"), FailedApproach.keywords("files or a file to me"));
    assertEquals(Set.of("news"), FailedApproach.keywords("news"), "four letters keep their s");
    assertEquals(Set.of(), FailedApproach.keywords("an ox is by us"));
  }

  @Test
  void goalsAreSimilarWhenTheyShareHalfTheSmallerSetsKeywords() {
    assertTrue(FailedApproach.similarGoals(Set.of("a", "b"), Set.of("a", "x", "y", "z")));
    assertTrue(FailedApproach.similarGoals(Set.of("a"), Set.of("a")));
    assertFalse(
        FailedApproach.similarGoals(Set.of("a", "b", "c"), Set.of("a", "x", "y", "z")),
        "one of three is less than half");
    assertFalse(FailedApproach.similarGoals(Set.of(), Set.of()), "nothing shared");
    assertFalse(FailedApproach.similarGoals(Set.of("a"), Set.of("b")));
  }

  @Test
  void theShapeKeepsACoarseKindOfEachField() {
    JsonNode inputs =
        json(
            """
            {"ref":"${fetch.body}","url":"HTTPS://Example.COM/a?b","dir":"docs/2026/q1.PDF",
             "win":"C:\\\\reports\\\\a.txt","rooted":"/etc/passwd","name":"notes.md",
             "words":"a short text","spaced":"my file.txt","empty":"","n":3,"yes":true,
             "no":false,"nothing":null,"list":[1],"obj":{"a":1}}
            """);
    assertEquals(
        Map.ofEntries(
            Map.entry("ref", "ref"),
            Map.entry("url", "url:example.com"),
            Map.entry("dir", "path:docs/*.pdf"),
            Map.entry("win", "path:C:/*.txt"),
            Map.entry("rooted", "path:/etc/*"),
            Map.entry("name", "path:*.md"),
            Map.entry("words", "text"),
            Map.entry("spaced", "text"),
            Map.entry("empty", "text"),
            Map.entry("n", "number"),
            Map.entry("yes", "true"),
            Map.entry("no", "false"),
            Map.entry("nothing", "null"),
            Map.entry("list", "array"),
            Map.entry("obj", "object")),
        FailedApproach.shape(inputs));
    assertEquals(
        Map.of("broken", "ref"),
        FailedApproach.shape(json("{\"broken\":\"${fetch.\"}")),
        "a malformed reference still counts as one");
    assertEquals(
        Map.of("edge", "path:*", "long", "text"),
        FailedApproach.shape(
            json("{\"edge\":\"/" + "a".repeat(511) + "\",\"long\":\"/" + "a".repeat(512) + "\"}")),
        "a path is at most 512 characters");
  }

  @Test
  void aDraftRepeatsAnApproachWithTheSameToolAndEveryFailedFieldsKind() {
    FailedApproach failed =
        new FailedApproach(
            FailedApproach.keywords("download the quarterly report"),
            "download the quarterly report",
            "web.fetch",
            "HttpStatusException",
            "404",
            FailedApproach.shape(json("{\"url\":\"https://example.com/q1\"}")));
    Set<String> goal = FailedApproach.keywords("fetch the quarterly report");
    JsonNode same = json("{\"url\":\"https://example.com/q2\",\"timeout\":5}");

    assertTrue(failed.repeatedBy(goal, "web.fetch", same));
    assertFalse(failed.repeatedBy(goal, "web.get", same), "another tool");
    assertFalse(
        failed.repeatedBy(goal, "web.fetch", json("{\"url\":\"https://other.org/q1\"}")),
        "another host");
    assertFalse(failed.repeatedBy(goal, "web.fetch", json("{}")), "the field is missing");
    assertFalse(
        failed.repeatedBy(FailedApproach.keywords("book a train"), "web.fetch", same),
        "another goal");
    assertEquals(
        "web.fetch with input shape {\"url\":\"url:example.com\"} failed with"
            + " HttpStatusException: 404 (goal: \"download the quarterly report\")",
        failed.describe());
    FailedApproach silent =
        new FailedApproach(Set.of(), "g", "fs.read", "SandboxViolationException", "", Map.of());
    assertEquals(
        "fs.read with input shape {} failed with SandboxViolationException (goal: \"g\")",
        silent.describe());
  }
}
