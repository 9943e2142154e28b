package dev.olympus.mcp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What the connection and server builders refuse, before anything is started or bound. */
class BuildersTest {
  private static final URI URL = URI.create("http://127.0.0.1:9/mcp");

  @Test
  void aConnectionNameIsLowerCaseStartingWithALetterAndAtMost32Characters() {
    assertDoesNotThrow(() -> McpConnection.http("a", URL));
    assertDoesNotThrow(() -> McpConnection.http("a" + "b-_1".repeat(7) + "xyz", URL));
    for (String bad : new String[] {"", "Fs", "1fs", "fs.x", "a" + "b".repeat(32)}) {
      refused(() -> McpConnection.http(bad, URL), "name must match");
    }
    assertThrows(NullPointerException.class, () -> McpConnection.http(null, URL));
  }

  @Test
  void anHttpUrlMustBeAbsoluteHttpOrHttps() {
    assertDoesNotThrow(() -> McpConnection.http("s", URI.create("https://example.com/mcp")));
    for (String bad : new String[] {"ftp://example.com/mcp", "http:///mcp", "/mcp", "mcp"}) {
      refused(() -> McpConnection.http("s", URI.create(bad)), "absolute http(s) URL");
    }
    assertThrows(NullPointerException.class, () -> McpConnection.http("s", null));
  }

  @Test
  void aStdioCommandMustNotBeBlankNorAnArgumentNull() {
    refused(() -> McpConnection.stdio("s", " "), "command cannot be blank");
    assertThrows(NullPointerException.class, () -> McpConnection.stdio("s", "node", "a", null));
  }

  @Test
  void aPrefixHasOnlyToolIdCharactersAndAtMost32() {
    McpConnectionBuilder builder = McpConnection.http("s", URL);
    assertDoesNotThrow(() -> builder.prefix(""));
    assertDoesNotThrow(() -> builder.prefix("A.b-c_" + "d".repeat(26)));
    refused(() -> builder.prefix("a b"), "prefix must match");
    refused(() -> builder.prefix("x/"), "prefix must match");
    refused(() -> builder.prefix("p".repeat(33)), "prefix must match");
  }

  @Test
  void processSettingsApplyToStdioOnlyAndHeadersToHttpOnly() {
    McpConnectionBuilder http = McpConnection.http("s", URL);
    McpConnectionBuilder stdio = McpConnection.stdio("s", "node");
    Path dir = Path.of(".");

    stateRefused(() -> http.env("K", "v"), "env applies to stdio servers only");
    stateRefused(() -> http.inheritEnv("K"), "inheritEnv applies to stdio servers only");
    stateRefused(() -> http.workingDirectory(dir), "workingDirectory applies to stdio");
    stateRefused(() -> stdio.header("Authorization", "x"), "headers apply to HTTP servers only");

    assertDoesNotThrow(() -> stdio.env("K", "v").inheritEnv("A", "B").workingDirectory(dir));
    assertDoesNotThrow(() -> http.header("Authorization", "Bearer x"));
    refused(() -> stdio.env(" ", "v"), "key cannot be blank");
    refused(() -> stdio.inheritEnv("A", ""), "names cannot be blank");
    refused(() -> http.header("", "v"), "header cannot be blank");
  }

  @Test
  void aRequestTimeoutMustBePositive() {
    McpConnectionBuilder builder = McpConnection.http("s", URL);
    assertDoesNotThrow(() -> builder.requestTimeout(Duration.ofNanos(1)));
    refused(() -> builder.requestTimeout(Duration.ZERO), "timeout must be positive");
    refused(() -> builder.requestTimeout(Duration.ofSeconds(-1)), "timeout must be positive");
  }

  @Test
  void overridesNameATool() {
    McpConnectionBuilder builder = McpConnection.http("s", URL);
    refused(() -> builder.sideEffect(" ", SideEffect.READ_ONLY), "mcpToolName cannot be blank");
    refused(() -> builder.retryErrorsOf(""), "mcpToolName cannot be blank");
    assertThrows(NullPointerException.class, () -> builder.sideEffect("t", null));
    assertThrows(NullPointerException.class, () -> builder.onToolsChanged(null));
  }

  @Test
  void aServersBearerTokenHasAtLeast16CharactersAndItsCallTimeoutIsPositive() {
    McpServerBuilder builder = McpServer.builder(ToolRegistry.builder().build());
    assertDoesNotThrow(() -> builder.bearerToken("0123456789abcdef"));
    refused(() -> builder.bearerToken("0123456789abcde"), "at least 16 characters");
    refused(() -> builder.bearerToken(" ".repeat(20)), "token cannot be blank");
    assertDoesNotThrow(() -> builder.callTimeout(Duration.ofNanos(1)));
    refused(() -> builder.callTimeout(Duration.ZERO), "timeout must be positive");
    refused(() -> builder.callTimeout(Duration.ofMillis(-1)), "timeout must be positive");
    refused(() -> builder.serverInfo("olympus", " "), "version cannot be blank");
    refused(() -> builder.serverInfo("", "1"), "name cannot be blank");
  }

  private static void refused(Executable call, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static void stateRefused(Executable call, String message) {
    IllegalStateException e = assertThrows(IllegalStateException.class, call);
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
