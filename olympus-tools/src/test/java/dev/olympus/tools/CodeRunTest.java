package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.ToolCall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code code.run} without bubblewrap: limits, scrubbed environment, refusal before consent. */
class CodeRunTest {
  @TempDir Path workspace;

  static ToolCall bash(String code) {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("interpreter", "bash");
    return ToolCall.of("code.run", input.put("code", code));
  }

  static JsonNode run(Tool tool, String code) {
    return ToolRegistry.builder().add(tool).build().invoke(bash(code), context());
  }

  private CodeTools.Builder builder() {
    return CodeTools.builder(workspace).interpreter("bash", "bash", "-c").withoutBubblewrap();
  }

  @Test
  void returnsTheExitCodeAndBothStreams() {
    JsonNode result = run(builder().build(), "echo out; echo err >&2; exit 3");
    assertEquals(3, result.path("exitCode").asInt());
    assertEquals("out\n", result.path("stdout").asText());
    assertEquals("err\n", result.path("stderr").asText());
    assertFalse(result.path("timedOut").asBoolean());
    assertEquals("none", result.path("isolation").asText());
  }

  @Test
  void aRunPastTheTimeLimitIsKilled() {
    Tool tool = builder().timeout(Duration.ofMillis(500)).build();
    JsonNode result = run(tool, "echo started; sleep 300");
    assertTrue(result.path("timedOut").asBoolean());
    assertEquals("started\n", result.path("stdout").asText());
    assertNotEquals(0, result.path("exitCode").asInt());
  }

  @Test
  void outputIsCappedPerStream() {
    Tool tool = builder().maxOutputBytes(1000).build();
    JsonNode result = run(tool, "head -c 100000 /dev/zero | tr '\\0' a; echo short >&2");
    assertEquals("a".repeat(1000), result.path("stdout").asText());
    assertTrue(result.path("stdoutTruncated").asBoolean());
    assertEquals("short\n", result.path("stderr").asText());
    assertFalse(result.path("stderrTruncated").asBoolean());
    assertEquals(0, result.path("exitCode").asInt());
  }

  @Test
  void aSleepingGrandchildIsKilledWithTheTree() {
    String marker = "olympus-grandchild-" + UUID.randomUUID();
    Tool tool = builder().timeout(Duration.ofSeconds(1)).build();
    JsonNode result = run(tool, grandchild(marker));
    assertTrue(result.path("timedOut").asBoolean());
    assertTrue(nothingAlive(marker), "a process named " + marker + " survived");
  }

  /** A script whose grandchild sleeps under the name {@code marker}. */
  static String grandchild(String marker) {
    return "bash -c \"bash -c 'exec -a " + marker + " sleep 300' & wait\" & wait";
  }

  /** Whether no process carries {@code marker}, waiting generously for the kernel to reap. */
  static boolean nothingAlive(String marker) {
    for (int i = 0; i < 200; i++) {
      if (ProcessHandle.allProcesses().noneMatch(p -> named(p, marker))) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private static boolean named(ProcessHandle process, String marker) {
    return process.isAlive()
        && process.info().commandLine().map(line -> line.contains(marker)).orElse(false);
  }

  @Test
  void theEnvironmentIsOnlyWhatTheHostPasses() {
    Tool tool = builder().environment(Map.of("OLYMPUS_TEST", "yes")).build();
    JsonNode result = run(tool, "tr '\\0' '\\n' < /proc/$$/environ");
    Set<String> variables =
        result
            .path("stdout")
            .asText()
            .lines()
            .filter(l -> !l.isEmpty())
            .collect(Collectors.toSet());
    assertEquals(Set.of("OLYMPUS_TEST=yes"), variables);
  }

  @Test
  void stdinIsClosed() {
    JsonNode result = run(builder().build(), "cat; echo \"read:$?\"");
    assertEquals("read:0\n", result.path("stdout").asText());
    assertFalse(result.path("timedOut").asBoolean());
  }

  @Test
  void theAddressSpaceIsLimited() {
    Tool tool = builder().maxMemoryBytes(64L << 20).build();
    assertEquals("65536\n", run(tool, "ulimit -v").path("stdout").asText());
  }

  @Test
  void anInterpreterNotAllowedIsRefusedBeforeAnyoneIsAsked() {
    List<ConsentRequest> asked = new ArrayList<>();
    ConsentGate gate =
        ConsentGate.builder()
            .provider(
                request -> {
                  asked.add(request);
                  return ConsentDecision.allowOnce();
                })
            .build();
    Tool tool = builder().build();
    ObjectNode perl = JsonNodeFactory.instance.objectNode().put("interpreter", "perl");
    ToolCall call = ToolCall.of("code.run", perl.put("code", "print 1"));
    assertThrows(ToolValidationException.class, () -> gate.authorize(tool, call, context()));
    ToolValidationException refused =
        assertThrows(ToolValidationException.class, () -> tool.precheck(call.input()));
    assertTrue(refused.getMessage().contains("'perl' is not allowed"), refused.getMessage());
    assertEquals(List.of(), asked);
  }

  @Test
  void aHostCanHaveEveryRunAskedAbout() {
    List<ConsentRequest> asked = new ArrayList<>();
    ConsentGrants policy = ConsentGrants.empty();
    policy.grant(ConsentGrants.Grant.of("exec_code"));
    ConsentGate.Builder gate =
        ConsentGate.builder()
            .grants(policy)
            .provider(
                request -> {
                  asked.add(request);
                  return ConsentDecision.allowForPlan();
                });
    Tool tool = builder().build();
    gate.build().authorize(tool, bash("true"), context());
    assertEquals(List.of(), asked);
    ConsentGate asking = gate.alwaysAsk("exec_code").build();
    asking.authorize(tool, bash("true"), context());
    asking.authorize(tool, bash("true"), context());
    assertEquals(2, asked.size());
  }

  @Test
  void theConsentPromptSaysThereIsNoIsolation() {
    ToolSpec spec = builder().build().spec();
    assertTrue(spec.risk().destructive());
    assertTrue(spec.risk().effect().contains("NO isolation"), spec.risk().effect());
    assertTrue(spec.description().contains("no isolation"), spec.description());
    assertEquals(List.of("exec_code"), spec.scopes());
    assertEquals(SideEffect.SIDE_EFFECT, spec.sideEffect());
  }

  @Test
  void anInterpreterThatIsNotInstalledIsRefusedByTheBuilder() {
    CodeTools.Builder builder = CodeTools.builder(workspace);
    assertThrows(
        IllegalArgumentException.class,
        () -> builder.interpreter("x", "olympus-no-such-interpreter-" + UUID.randomUUID()));
  }
}
