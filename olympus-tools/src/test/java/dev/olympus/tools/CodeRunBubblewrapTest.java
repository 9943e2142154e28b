package dev.olympus.tools;

import static dev.olympus.tools.CodeRunTest.grandchild;
import static dev.olympus.tools.CodeRunTest.nothingAlive;
import static dev.olympus.tools.CodeRunTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.olympus.tools.internal.Executables;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code code.run} inside bubblewrap (installed by {@code .ci/run}): no network, no escape. */
class CodeRunBubblewrapTest {
  @TempDir Path temp;
  private Path workspace;

  @BeforeEach
  void needsBubblewrap() throws IOException {
    assumeTrue(
        Executables.find("bwrap").isPresent(),
        "bwrap not found on PATH: install Debian's bubblewrap (.ci/run does)");
    workspace = Files.createDirectory(temp.resolve("workspace"));
  }

  private CodeTools.Builder builder() {
    return CodeTools.builder(workspace).interpreter("bash", "bash", "-c");
  }

  @Test
  void runsInsideBubblewrapAndWritesTheWorkspace() {
    Tool tool = builder().build();
    assertTrue(tool.spec().risk().effect().contains("inside bubblewrap"));
    JsonNode result = run(tool, "echo made > made.txt && pwd");
    assertEquals("bubblewrap", result.path("isolation").asText());
    assertEquals(workspace.toString() + "\n", result.path("stdout").asText());
    assertTrue(Files.exists(workspace.resolve("made.txt")));
  }

  @Test
  void thereIsNoNetworkUnlessTheHostAllowsIt() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.start();
    try {
      String connect =
          "exec 3<>/dev/tcp/127.0.0.1/" + server.getAddress().getPort() + " && echo connected";
      JsonNode closed = run(builder().build(), connect);
      assertNotEquals(0, closed.path("exitCode").asInt());
      assertFalse(closed.path("stdout").asText().contains("connected"));
      JsonNode open = run(builder().allowNetwork(true).build(), connect);
      assertEquals("connected\n", open.path("stdout").asText());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void nothingOutsideTheWorkspaceCanBeWritten() throws IOException {
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Path varTmp = Path.of("/var/tmp", "olympus-escape-" + UUID.randomUUID());
    try {
      JsonNode result =
          run(
              builder().build(),
              "echo x > "
                  + outside.resolve("escaped.txt")
                  + "; echo x > "
                  + varTmp
                  + "; echo x > ../up.txt");
      assertFalse(Files.exists(outside.resolve("escaped.txt")));
      assertFalse(Files.exists(varTmp));
      assertFalse(Files.exists(temp.resolve("up.txt")));
      assertTrue(
          result.path("stderr").asText().contains("Read-only file system"), result.toString());
    } finally {
      Files.deleteIfExists(varTmp);
    }
  }

  @Test
  void theWholeTreeEndsAtTheTimeLimit() {
    String marker = "olympus-grandchild-" + UUID.randomUUID();
    Tool tool = builder().timeout(Duration.ofSeconds(1)).build();
    assertTrue(run(tool, grandchild(marker)).path("timedOut").asBoolean());
    assertTrue(nothingAlive(marker), "a process named " + marker + " survived");
  }
}
