package dev.olympus.mcp;

import static dev.olympus.mcp.ConnectionFailuresTest.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.Cancellation;
import dev.olympus.tools.ToolExecutionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stdio server's process, a child JVM ({@link ServeStdioMain} {@code process}): what it inherits
 * of our environment (a server is untrusted code and must not see the host's secrets), where it
 * runs, and what a host sees when it exits in the middle of a call (two child JVMs in all).
 */
class StdioProcessTest {
  /** What every server process may inherit, as the README lists it (Unix and Windows names). */
  private static final Set<String> SAFE =
      Set.of(
          "HOME",
          "LOGNAME",
          "PATH",
          "SHELL",
          "TERM",
          "USER",
          "LANG",
          "TMPDIR",
          "APPDATA",
          "HOMEDRIVE",
          "HOMEPATH",
          "LOCALAPPDATA",
          "PROCESSOR_ARCHITECTURE",
          "SYSTEMDRIVE",
          "SYSTEMROOT",
          "TEMP",
          "USERNAME",
          "USERPROFILE",
          "PROGRAMFILES");

  @TempDir Path dir;

  @Test
  void aServerProcessSeesOnlyTheSafeVariablesAndWhatTheHostGaveAndAnExitMidCallIsUnavailable()
      throws Exception {
    TreeSet<String> unsafe = new TreeSet<>(System.getenv().keySet());
    unsafe.removeIf(StdioProcessTest::safe);
    assertTrue(unsafe.size() >= 2, "this JVM has variables a server must not see: " + unsafe);
    String passed = unsafe.pollFirst();
    Map<String, String> expected = new HashMap<>();
    System.getenv().forEach((name, value) -> expected.put(name, safe(name) ? value : null));
    expected.values().removeIf(value -> value == null);
    expected.put(passed, System.getenv(passed));
    expected.put("OLYMPUS_GIVEN", "given");

    McpConnection connection = server().env("OLYMPUS_GIVEN", "given").inheritEnv(passed).connect();
    ProcessHandle second;
    try {
      JsonNode seen = processOf(connection);
      assertEquals(expected, envOf(seen));
      assertEquals(dir.toString(), seen.get("cwd").asText());

      ToolExecutionException exited =
          assertThrows(
              ToolExecutionException.class,
              () -> invoke(connection, "process.exit", new Cancellation()));
      assertTrue(exited.retryable());
      McpException cause = assertInstanceOf(McpException.class, exited.getCause());
      assertEquals(McpException.Kind.UNAVAILABLE, cause.kind());
      assertEquals("child", cause.server());

      JsonNode restarted = processOf(connection);
      assertEquals(expected, envOf(restarted));
      second = ProcessHandle.of(restarted.get("pid").asLong()).orElseThrow();
      assertFalse(second.pid() == seen.get("pid").asLong(), "a new process");
    } finally {
      connection.close();
    }
    second.onExit().get(60, TimeUnit.SECONDS);
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void aServerProcessThatNeverAnswersTimesOutAtConnectAndIsStopped() throws Exception {
    McpException timedOut =
        assertThrows(
            McpException.class,
            () ->
                McpConnection.stdio("silent", "sleep", "600")
                    .requestTimeout(Duration.ofSeconds(1))
                    .connect());
    assertEquals(McpException.Kind.TIMEOUT, timedOut.kind());
    assertEquals("silent", timedOut.server());

    List<ProcessHandle> left =
        ProcessHandle.current()
            .children()
            .filter(
                child -> child.info().arguments().map(List::of).orElse(List.of()).contains("600"))
            .toList();
    for (ProcessHandle child : left) {
      child.onExit().get(60, TimeUnit.SECONDS);
    }
  }

  private McpConnectionBuilder server() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return McpConnection.stdio(
            "child",
            java,
            "-cp",
            System.getProperty("olympus.child.classpath"),
            ServeStdioMain.class.getName(),
            "process")
        .workingDirectory(dir);
  }

  private static JsonNode processOf(McpConnection connection) {
    return invoke(connection, "process.environment", new Cancellation()).get("structuredContent");
  }

  private static Map<String, String> envOf(JsonNode process) {
    return ScriptedPeer.JSON.convertValue(process.get("env"), new TypeReference<>() {});
  }

  private static boolean safe(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return SAFE.contains(upper) || upper.startsWith("LC_");
  }
}
