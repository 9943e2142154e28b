package dev.olympus.executor.internal.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.executor.CritiqueIssue;
import dev.olympus.executor.CritiqueIssue.Kind;
import dev.olympus.executor.CritiqueIssue.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The critic's answer as the planner reads it, and validator messages as the planner shows them.
 */
class CritiqueReaderTest {
  @Test
  void issuesAreReadWithTheirSeverityKindStepAndMessage() {
    String answer =
        """
        ```json
        {"issues":[
          {"severity":"BLOCKING","kind":" Risky-Input ","step":"wipe","message":"deletes home"},
          {"severity":"minor","kind":"missing-step","message":"no summary"},
          {"kind":"something new"}]}
        ```
        """;
    assertEquals(
        List.of(
            new CritiqueIssue(Severity.BLOCKING, Kind.RISKY_INPUT, "wipe", "deletes home"),
            new CritiqueIssue(Severity.MINOR, Kind.MISSING_STEP, "", "no summary"),
            new CritiqueIssue(Severity.MINOR, Kind.OTHER, "", "")),
        CritiqueReader.read(answer));
    assertEquals(List.of(), CritiqueReader.read("{\"issues\":[]}"));
  }

  @Test
  void anUnreadableAnswerIsOneMinorIssueSayingWhy() {
    List<CritiqueIssue> notJson = CritiqueReader.read("looks fine to me");
    assertEquals(1, notJson.size());
    assertEquals(Severity.MINOR, notJson.get(0).severity());
    assertEquals(Kind.OTHER, notJson.get(0).kind());
    assertEquals("", notJson.get(0).step());
    String why = notJson.get(0).message();
    assertTrue(why.startsWith("the critic's answer could not be read: it is not JSON"), why);
    assertEquals(
        List.of(
            new CritiqueIssue(
                Severity.MINOR,
                Kind.OTHER,
                "",
                "the critic's answer could not be read: it has no \"issues\" array")),
        CritiqueReader.read("{\"issues\":{}}"));
  }

  @Test
  void validatorMessagesBecomePathsBelowTheStep() {
    assertEquals("$.w: no pointer here", InputCheck.located("no pointer here", "$.w"));
    assertEquals("$.w: /a without a colon", InputCheck.located("/a without a colon", "$.w"));
    assertEquals("$.w.a/b.c~d: bad", InputCheck.located("/a~1b/c~0d: bad", "$.w"));
    assertEquals("$.w.[3]: bad", InputCheck.located("//3: bad", "$.w"));
    assertEquals("$.w.x1: bad", InputCheck.located("/x1: bad", "$.w"));
  }
}
