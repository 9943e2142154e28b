package dev.olympus.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentRequest;
import dev.olympus.tools.Risk;
import dev.olympus.tools.SideEffect;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentViewTest {
  @Test
  void showsTheWholeInputEscapedWithItsSizeAndDigest() {
    String longText = "x".repeat(5_000);
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    input.put("path", "notes\u202Etxt.md");
    input.put("content", longText);
    ConsentView view = ConsentView.of(request(input, Risk.of("writes a file")));
    assertTrue(view.input().contains("notes\\u202etxt.md"), view.input());
    assertFalse(view.input().contains("\u202E"));
    assertTrue(view.input().contains(longText), "never cut");
    assertEquals(
        ConsentRequest.sizeOf(input) + " bytes, SHA-256 " + ConsentRequest.digestOf(input),
        view.identity());
    assertFalse(view.destructive());
    assertEquals("writes a file; needs fs.write", view.effect());
  }

  @Test
  void marksADestructiveEffect() {
    ConsentView view =
        ConsentView.of(
            request(JsonNodeFactory.instance.objectNode(), Risk.destructive("deletes a file")));
    assertTrue(view.destructive());
    assertTrue(view.effect().startsWith("DESTRUCTIVE: deletes a file"), view.effect());
  }

  @Test
  void eachAnswerGivesItsDecision() {
    assertEquals(ConsentDecision.allowOnce(), Answer.ONCE.decision());
    assertEquals(ConsentDecision.allowForPlan(), Answer.PLAN.decision());
    assertEquals(ConsentDecision.allowAlways(), Answer.ALWAYS.decision());
    assertFalse(Answer.DENY.decision().allowed());
  }

  private static ConsentRequest request(JsonNode input, Risk risk) {
    return ConsentRequest.builder("fs.write", input)
        .scopes(List.of("fs.write"))
        .sideEffect(SideEffect.IDEMPOTENT)
        .risk(risk)
        .step("plan-1", "notes")
        .summary("write to notes")
        .resources(List.of())
        .build();
  }
}
