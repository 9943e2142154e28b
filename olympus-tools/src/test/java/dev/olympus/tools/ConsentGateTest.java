package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static dev.olympus.tools.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.plan.ToolCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsentGateTest {
  @TempDir Path root;

  private final List<ConsentEvent> events = new ArrayList<>();
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
        .listener(events::add)
        .build();
  }

  private static ToolCall write(String path) {
    return ToolCall.of("fs.write", json("{'path':'" + path + "','content':'hello'}"));
  }

  @Test
  void defaultProviderDeniesAndReports() {
    ConsentGate gate = ConsentGate.builder().listener(events::add).build();
    ToolConsentDeniedException e =
        assertThrows(
            ToolConsentDeniedException.class,
            () -> gate.authorize(tool("fs.write"), write("notes.md"), context()));
    assertTrue(e.getMessage().contains("no consent provider"), e.getMessage());
    assertEquals(List.of(ConsentEvent.Kind.ASKED, ConsentEvent.Kind.DENIED), kinds());
  }

  @Test
  void requestCarriesSummaryResourcesAndIds() {
    gate(ConsentDecision.allowOnce(), ConsentGrants.empty())
        .authorize(tool("fs.write"), write("./docs//notes.md"), context("plan-7"));
    ConsentRequest request = asked.get(0);
    assertEquals("write 5 bytes to docs/notes.md", request.summary());
    assertEquals(List.of(Resource.path("docs/notes.md")), request.resources());
    assertEquals(List.of("fs.write"), request.scopes());
    assertEquals("plan-7", request.planId());
    assertEquals(SideEffect.IDEMPOTENT, request.sideEffect());
  }

  @Test
  void secretsAreShownMarkedNotHidden() {
    Tool tool =
        Tool.builder("api.call").description("d").scopes("net.post").handler((in, ctx) -> in);
    ToolCall call =
        ToolCall.of(
            "api.call",
            json(
                "{'apiKey':'sk-123','nested':{'password':'hunter2'},"
                    + "'url':'https://x.test/?token=abc&q=1','text':'"
                    + "y".repeat(500)
                    + "'}"));
    gate(ConsentDecision.allowOnce(), ConsentGrants.empty()).authorize(tool, call, context());
    assertEquals(call.input(), asked.get(0).input());
    String shown = ConsentText.render(asked.get(0).input());
    assertTrue(shown.contains("\"apiKey\":«secret:\"sk-123\"»"), shown);
    assertTrue(shown.contains("\"password\":«secret:\"hunter2\"»"), shown);
    assertTrue(shown.contains("?token=«secret:abc»&q=1"), shown);
    assertTrue(shown.contains("y".repeat(500)), shown);
  }

  @Test
  void allowOnceAsksEveryTime() {
    ConsentGate gate = gate(ConsentDecision.allowOnce(), ConsentGrants.empty());
    gate.authorize(tool("fs.write"), write("a"), context());
    gate.authorize(tool("fs.write"), write("a"), context());
    assertEquals(2, asked.size());
    assertTrue(gate.grants().grants().isEmpty());
  }

  @Test
  void allowForPlanIsRememberedForThatPlanOnly() {
    ConsentGate gate = gate(ConsentDecision.allowForPlan(), ConsentGrants.empty());
    gate.authorize(tool("fs.write"), write("a"), context("p1"));
    ConsentEvent second = gate.authorize(tool("fs.write"), write("b"), context("p1"));
    assertEquals(ConsentEvent.Source.PLAN_GRANT, second.source());
    assertEquals(1, asked.size());
    gate.authorize(tool("fs.write"), write("a"), context("p2"));
    assertEquals(2, asked.size());
    gate.authorize(
        tool("fs.delete"), ToolCall.of("fs.delete", json("{'path':'a'}")), context("p1"));
    assertEquals(3, asked.size(), "a plan grant for fs.write must not cover fs.delete");
    gate.endPlan("p1");
    gate.authorize(tool("fs.write"), write("a"), context("p1"));
    assertEquals(4, asked.size());
  }

  @Test
  void allowAlwaysWithinAPrefixBecomesANarrowStandingGrant() {
    ConsentGrants policy = ConsentGrants.empty();
    ConsentGate gate = gate(ConsentDecision.allowAlwaysWithin(Resource.path("notes/")), policy);
    gate.authorize(tool("fs.write"), write("notes/a.md"), context());
    assertEquals(
        List.of(ConsentGrants.Grant.within("fs.write", Resource.path("notes"))), policy.grants());
    ConsentEvent byGrant = gate.authorize(tool("fs.write"), write("notes/b/c.md"), context());
    assertEquals(ConsentEvent.Source.STANDING_GRANT, byGrant.source());
    assertEquals(1, asked.size());
    assertThrows(
        SandboxViolationException.class,
        () -> gate.authorize(tool("fs.write"), write("notes/../secret"), context()));
    assertEquals(1, asked.size(), "an escape is refused before anyone is asked");
    gate.authorize(tool("fs.write"), write("notes2/x"), context());
    gate.authorize(
        tool("fs.read"), ToolCall.of("fs.read", json("{'path':'notes/a.md'}")), context());
    assertEquals(3, asked.size(), "siblings and other scopes must be asked about");
  }

  @Test
  void readGrantNeverCoversWrite() {
    ConsentGrants policy = ConsentGrants.empty();
    policy.grant(ConsentGrants.Grant.of("fs.read"));
    ConsentGate gate = gate(ConsentDecision.deny("no"), policy);
    gate.authorize(tool("fs.read"), ToolCall.of("fs.read", json("{'path':'a'}")), context());
    assertThrows(
        ToolConsentDeniedException.class,
        () -> gate.authorize(tool("fs.write"), write("a"), context()));
  }

  @Test
  void throwingOrSilentProviderDenies() {
    AtomicInteger calls = new AtomicInteger();
    ConsentGate throwing =
        ConsentGate.builder()
            .provider(
                r -> {
                  calls.incrementAndGet();
                  throw new IllegalStateException("ui crashed");
                })
            .listener(events::add)
            .build();
    ToolConsentDeniedException e =
        assertThrows(
            ToolConsentDeniedException.class,
            () -> throwing.authorize(tool("fs.write"), write("a"), context()));
    assertTrue(e.reason().contains("ui crashed"));
    ConsentGate silent = ConsentGate.builder().provider(r -> null).build();
    assertThrows(
        ToolConsentDeniedException.class,
        () -> silent.authorize(tool("fs.write"), write("a"), context()));
    assertEquals(1, calls.get());
  }

  @Test
  void toolWithoutScopesPassesAndIsReported() {
    Tool pure = Tool.builder("math.add").description("d").handler((in, c) -> in);
    ConsentEvent event =
        gate(ConsentDecision.deny("no"), ConsentGrants.empty())
            .authorize(pure, ToolCall.of("math.add", json("{}")), context());
    assertEquals(ConsentEvent.Source.NO_SCOPES, event.source());
    assertEquals(List.of(ConsentEvent.Kind.GRANTED), kinds());
    assertTrue(asked.isEmpty());
  }

  @Test
  void listenerFailureBlocksTheCall() {
    ConsentGate gate =
        ConsentGate.builder()
            .provider(r -> ConsentDecision.allowOnce())
            .listener(
                e -> {
                  throw new IllegalStateException("audit log down");
                })
            .build();
    assertThrows(
        IllegalStateException.class, () -> gate.authorize(tool("fs.write"), write("a"), context()));
  }

  @Test
  void policyRoundTripsThroughJsonAndRevokes() {
    ConsentGrants policy = ConsentGrants.empty();
    policy.grant(ConsentGrants.Grant.within("fs.write", Resource.path("notes")));
    policy.grant(ConsentGrants.Grant.within("net.get", Resource.host("Example.COM")));
    policy.grant(ConsentGrants.Grant.of("fs.read"));
    ConsentGrants copy = ConsentGrants.fromJson(policy.toJson());
    assertEquals(policy.grants(), copy.grants());
    assertEquals("example.com", copy.grants().get(1).within().orElseThrow().value());
    assertTrue(copy.revoke(ConsentGrants.Grant.of("fs.read")));
    assertFalse(copy.revoke(ConsentGrants.Grant.of("fs.read")));
    assertTrue(copy.revokeScope("fs.write"));
    assertEquals(1, copy.grants().size());
  }

  @Test
  void malformedPolicyJsonIsRefusedWithAReason() {
    for (String bad :
        List.of(
            "nope",
            "{}",
            "{'version':1,'grants':{}}",
            "{'version':1,'grants':[{'scope':'fs.write','path':'../x'}]}",
            "{'version':1,'grants':[{'scope':'FS'}]}",
            "{'version':1,'grants':[{'scope':'fs.read','path':'a','host':'b'}]}")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> ConsentGrants.fromJson(bad.replace('\'', '"')),
              bad);
      assertFalse(e.getMessage().isBlank());
    }
  }

  private List<ConsentEvent.Kind> kinds() {
    return events.stream().map(ConsentEvent::kind).toList();
  }
}
