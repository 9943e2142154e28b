package dev.olympus.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentRequest;
import dev.olympus.tools.SideEffect;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingConsentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theQueueAnswersFirstThenTheRulesThenTheFallback() {
    RecordingConsent consent =
        RecordingConsent.denyingAll()
            .allowTool("fs.read")
            .when(r -> r.scopes().contains("net.get"), ConsentDecision.allowForPlan());
    consent.enqueue(ConsentDecision.deny("not now"));

    ConsentDecision queued = consent.decide(request("fs.read", "fs.read"));
    ConsentDecision byTool = consent.decide(request("fs.read", "fs.read"));
    ConsentDecision byScope = consent.decide(request("http.get", "net.get"));
    ConsentDecision fallback = consent.decide(request("fs.delete", "fs.delete"));

    assertEquals("not now", ((ConsentDecision.Deny) queued).reason());
    assertInstanceOf(ConsentDecision.AllowOnce.class, byTool);
    assertInstanceOf(ConsentDecision.AllowForPlan.class, byScope);
    assertFalse(fallback.allowed());
    List<String> asked = consent.requests().stream().map(ConsentRequest::toolId).toList();
    assertEquals(List.of("fs.read", "fs.read", "http.get", "fs.delete"), asked);
  }

  @Test
  void allowingAllAllowsAndAnsweringComputesTheDecision() {
    assertTrue(RecordingConsent.allowingAll().decide(request("fs.write", "fs.write")).allowed());
    RecordingConsent byStep =
        RecordingConsent.answering(
            r ->
                r.stepId().equals("ok")
                    ? ConsentDecision.allowOnce()
                    : ConsentDecision.deny("wrong step"));
    assertFalse(byStep.decide(request("fs.write", "fs.write")).allowed());
  }

  private static ConsentRequest request(String toolId, String scope) {
    JsonNode input = JSON.createObjectNode().put("path", "notes.md");
    return ConsentRequest.builder(toolId, input)
        .scopes(List.of(scope))
        .sideEffect(SideEffect.SIDE_EFFECT)
        .step("plan-1", "write")
        .summary(toolId + " notes.md")
        .build();
  }

  @Test
  void denyToolDeniesThatToolOnlyAndSaysWhy() {
    RecordingConsent consent = RecordingConsent.allowingAll().denyTool("fs.delete");

    ConsentDecision denied = consent.decide(request("fs.delete", "fs.delete"));

    assertEquals("the test denies fs.delete", ((ConsentDecision.Deny) denied).reason());
    assertTrue(consent.decide(request("fs.read", "fs.read")).allowed());
  }
}
