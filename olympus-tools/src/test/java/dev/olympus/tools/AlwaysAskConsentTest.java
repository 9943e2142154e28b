package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static dev.olympus.tools.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.plan.ToolCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scope marked always-ask is asked about on every call: no standing grant, plan grant or earlier
 * "always" answer lets a call through unasked, and such an answer grants nothing beyond its call.
 */
class AlwaysAskConsentTest {
  @TempDir Path root;

  private final List<ConsentRequest> asked = new ArrayList<>();

  private Tool tool(String id) {
    return ToolRegistry.builder().add(FileTools.sandboxedAt(root)).build().get(id);
  }

  private ConsentGate gate(ConsentDecision answer, ConsentGrants policy) {
    return ConsentGate.builder()
        .provider(
            request -> {
              asked.add(request);
              return answer;
            })
        .grants(policy)
        .alwaysAsk("fs.delete")
        .build();
  }

  private static ToolCall delete(String path) {
    return ToolCall.of("fs.delete", json("{'path':'" + path + "'}"));
  }

  @Test
  void aStandingGrantDoesNotCoverAnAlwaysAskScope() {
    ConsentGrants policy = ConsentGrants.empty();
    policy.grant(ConsentGrants.Grant.of("fs.delete"));
    ConsentGate gate = gate(ConsentDecision.allowOnce(), policy);
    ConsentEvent event = gate.authorize(tool("fs.delete"), delete("a"), context());
    assertEquals(ConsentEvent.Source.PROVIDER, event.source());
    assertEquals(1, asked.size());
  }

  @Test
  void anAnswerForThePlanOrForeverGrantsOnlyThatCall() {
    for (ConsentDecision answer :
        List.of(ConsentDecision.allowForPlan(), ConsentDecision.allowAlways())) {
      asked.clear();
      ConsentGrants policy = ConsentGrants.empty();
      ConsentGate gate = gate(answer, policy);
      gate.authorize(tool("fs.delete"), delete("a"), context("p1"));
      ConsentEvent second = gate.authorize(tool("fs.delete"), delete("a"), context("p1"));
      assertEquals(ConsentEvent.Source.PROVIDER, second.source(), answer.toString());
      assertEquals(2, asked.size(), answer.toString());
      assertEquals(List.of(), policy.grants(), answer.toString());
    }
  }

  @Test
  void otherScopesKeepTheirGrants() {
    ConsentGate gate = gate(ConsentDecision.allowForPlan(), ConsentGrants.empty());
    ToolCall write = ToolCall.of("fs.write", json("{'path':'a','content':'x'}"));
    gate.authorize(tool("fs.write"), write, context("p1"));
    ConsentEvent second = gate.authorize(tool("fs.write"), write, context("p1"));
    assertEquals(ConsentEvent.Source.PLAN_GRANT, second.source());
    assertEquals(1, asked.size());
  }

  @Test
  void aToolWithoutASummaryIsDescribedByItsId() {
    Tool built =
        Tool.builder("notes.touch")
            .description("touches")
            .scopes("notes.write")
            .sideEffect(SideEffect.IDEMPOTENT)
            .handler((input, context) -> input);
    Tool silent =
        new Tool() {
          @Override
          public String id() {
            return built.id();
          }

          @Override
          public ToolSpec spec() {
            return built.spec();
          }

          @Override
          public com.fasterxml.jackson.databind.JsonNode invoke(
              ToolCall call, ToolContext context) {
            return built.invoke(call, context);
          }

          @Override
          public String summarize(com.fasterxml.jackson.databind.JsonNode input) {
            return " ";
          }
        };
    gate(ConsentDecision.allowOnce(), ConsentGrants.empty())
        .authorize(silent, ToolCall.of("notes.touch", json("{}")), context());
    assertEquals("run notes.touch", asked.get(0).summary());
  }

  @Test
  void aCallForAnotherToolIsAProgrammingError() {
    ConsentGate gate = gate(ConsentDecision.allowOnce(), ConsentGrants.empty());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> gate.authorize(tool("fs.write"), delete("a"), context()));
    assertTrue(e.getMessage().contains("fs.delete"), e.getMessage());
    assertEquals(List.of(), asked);
  }
}
