package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code web.browse} against {@link DevToolsPeer}: what the tool asks of the browser, which
 * requests it lets through, what it returns and saves, and how it fails, without a real Chromium
 * (which {@code WebBrowseTest} drives, outside mutation testing).
 */
class WebBrowsePeerTest {
  private static final String PAGE = "http://127.0.0.1:8080/page";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-06T04:15:30.250Z"), ZoneOffset.UTC);

  @TempDir Path workspace;
  @TempDir Path bin;

  private Path args() {
    return bin.resolve("args.txt");
  }

  private BrowserTools.Builder browser(Path chromium) {
    // Short, so that a load that waits wrongly fails soon; a correct one needs well under a second.
    return BrowserTools.builder(workspace)
        .allowLoopback(true)
        .chromium(chromium)
        .clock(CLOCK)
        .timeout(Duration.ofSeconds(5));
  }

  private static JsonNode browse(Tool tool, String url) {
    return browse(tool, JsonNodeFactory.instance.objectNode().put("url", url));
  }

  private static JsonNode browse(Tool tool, ObjectNode input) {
    return ToolRegistry.builder()
        .add(tool)
        .build()
        .invoke(ToolCall.of("web.browse", input), context());
  }

  /** Asserts that browsing {@link #PAGE} fails with a message containing {@code words}. */
  private static void assertFails(Tool tool, String words) {
    ToolExecutionException failed =
        assertThrows(ToolExecutionException.class, () -> browse(tool, PAGE));
    assertTrue(failed.getMessage().contains(words), failed.getMessage());
  }

  private List<String> chromiumArgs() throws IOException {
    return Files.readAllLines(args());
  }

  private Path profile() throws IOException {
    String flag =
        chromiumArgs().stream().filter(a -> a.startsWith("--user-data-dir=")).findFirst().get();
    return Path.of(flag.substring("--user-data-dir=".length()));
  }

  @Test
  void returnsThePageAndSavesTheScreenshotLettingOnlyGuardedRequestsThrough() throws IOException {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    String page =
        "{'url':'http://127.0.0.1:8080/page','title':'Olives','text':'Olives and bread',"
            + "'links':[{'text':'Next','href':'http://127.0.0.1:8080/next'}]}";
    try (DevToolsPeer peer =
        new DevToolsPeer(PAGE, "http://10.0.0.1/pixel.png?token=hunter2", "http://bad host/")
            .page(page.replace('\'', '"'))
            .png(png)) {
      Tool tool = browser(peer.chromium(bin, args())).maxLinks(7).maxTextChars(6).build();
      JsonNode result = browse(tool, PAGE);

      assertEquals(PAGE, result.path("url").asText());
      assertEquals("Olives", result.path("title").asText());
      assertEquals("Olives", result.path("text").asText());
      assertTrue(result.path("textTruncated").asBoolean(), result.toString());
      assertEquals(
          "http://127.0.0.1:8080/next", result.path("links").path(0).path("href").asText());
      String shot = "screenshots/20261206-041530-250-127.0.0.1.png";
      assertEquals(shot, result.path("screenshot").asText());
      assertArrayEquals(png, Files.readAllBytes(workspace.resolve(shot)));
      assertEquals(png.length, result.path("screenshotBytes").asInt());
      JsonNode blocked = result.path("blocked");
      assertEquals(2, blocked.size(), result.toString());
      assertTrue(
          blocked.path(0).asText().startsWith("http://10.0.0.1/pixel.png"), result.toString());
      assertFalse(blocked.toString().contains("hunter2"), result.toString());
      assertTrue(blocked.path(1).asText().startsWith("http://bad host/: "), result.toString());

      assertEquals("*", peer.message("Fetch.enable").at("/params/patterns/0/urlPattern").asText());
      assertEquals("about:blank", peer.message("Target.createTarget").at("/params/url").asText());
      JsonNode attach = peer.message("Target.attachToTarget").path("params");
      assertEquals("target-1", attach.path("targetId").asText());
      assertTrue(attach.path("flatten").asBoolean());
      JsonNode navigate = peer.message("Page.navigate");
      assertEquals(PAGE, navigate.at("/params/url").asText());
      assertEquals("session-1", navigate.path("sessionId").asText());
      assertFalse(peer.message("Fetch.enable").has("sessionId"));
      JsonNode continued = peer.message("Fetch.continueRequest");
      assertEquals("request-0", continued.at("/params/requestId").asText());
      assertEquals("session-1", continued.path("sessionId").asText());
      List<JsonNode> failed =
          peer.received.stream()
              .filter(m -> m.path("method").asText().equals("Fetch.failRequest"))
              .toList();
      assertEquals(2, failed.size());
      assertEquals("request-1", failed.get(0).at("/params/requestId").asText());
      assertEquals("BlockedByClient", failed.get(0).at("/params/errorReason").asText());
      assertEquals("session-1", failed.get(0).path("sessionId").asText());
      JsonNode evaluate = peer.message("Runtime.evaluate");
      assertTrue(evaluate.at("/params/expression").asText().contains(".slice(0, 7)"));
      assertTrue(evaluate.at("/params/returnByValue").asBoolean());
      assertEquals("session-1", evaluate.path("sessionId").asText());
      assertEquals("png", peer.message("Page.captureScreenshot").at("/params/format").asText());
    }
    List<String> flags = chromiumArgs();
    assertTrue(flags.containsAll(List.of("--headless", "--remote-debugging-port=0")), "" + flags);
    assertEquals("about:blank", flags.get(flags.size() - 1));
    assertTrue(flags.stream().noneMatch(f -> f.startsWith("--host-resolver-rules")), "" + flags);
    assertFalse(Files.exists(profile()), "the browser profile is deleted");
  }

  @Test
  void textAtExactlyTheLimitIsWholeAndAGivenScreenshotPathIsUsed() throws IOException {
    try (DevToolsPeer peer = new DevToolsPeer(PAGE).page("{\"text\":\"Olives\"}")) {
      Tool tool = browser(peer.chromium(bin, args())).maxTextChars(6).build();
      ObjectNode input =
          JsonNodeFactory.instance.objectNode().put("url", PAGE).put("screenshot", "shots/a.png");
      JsonNode result = browse(tool, input);
      assertEquals("Olives", result.path("text").asText());
      assertFalse(result.path("textTruncated").asBoolean());
      assertEquals("shots/a.png", result.path("screenshot").asText());
      assertTrue(Files.isRegularFile(workspace.resolve("shots/a.png")));
      assertEquals(0, result.path("blocked").size());
    }
  }

  @Test
  void aNavigationRefusedByTheGuardIsASandboxViolation() throws IOException {
    try (DevToolsPeer peer =
        new DevToolsPeer(PAGE, "http://10.0.0.1/admin").navigateError("net::ERR_BLOCKED")) {
      Tool tool = browser(peer.chromium(bin, args())).build();
      SandboxViolationException refused =
          assertThrows(SandboxViolationException.class, () -> browse(tool, PAGE));
      assertTrue(refused.getMessage().contains("http://10.0.0.1/admin"), refused.getMessage());
    }
    assertFalse(Files.exists(workspace.resolve("screenshots")), "nothing saved");
  }

  @Test
  void aNavigationThatFailsOtherwiseIsAnExecutionFailure() throws IOException {
    try (DevToolsPeer peer = new DevToolsPeer(PAGE).navigateError("net::ERR_CONNECTION_REFUSED")) {
      Tool tool = browser(peer.chromium(bin, args())).build();
      assertFails(tool, "ERR_CONNECTION_REFUSED");
    }
  }

  @Test
  void anErrorAnswerFromTheBrowserFailsTheCall() throws IOException {
    try (DevToolsPeer peer = new DevToolsPeer(PAGE).failOn("Page.captureScreenshot")) {
      Tool tool = browser(peer.chromium(bin, args())).build();
      assertFails(tool, "Page.captureScreenshot failed: Page.captureScreenshot");
    }
    assertFalse(Files.exists(profile()), "the browser profile is deleted");
  }

  @Test
  void aBrowserThatStopsAnsweringFailsAtTheDeadline() throws IOException {
    try (DevToolsPeer peer = new DevToolsPeer(PAGE).silentOn("Runtime.evaluate")) {
      Tool tool = browser(peer.chromium(bin, args())).build();
      assertFails(tool, "did not answer in time");
    }
  }

  @Test
  void anInterruptedCallIsCancelledAndTheCallerKeepsTheInterrupt() throws Exception {
    try (DevToolsPeer peer = new DevToolsPeer(PAGE).silentOn("Runtime.evaluate")) {
      Tool tool = browser(peer.chromium(bin, args())).timeout(Duration.ofMinutes(5)).build();
      Thread caller = Thread.currentThread();
      Thread interrupter =
          new Thread(
              () -> {
                try {
                  peer.awaitCall("Runtime.evaluate");
                  caller.interrupt();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      interrupter.start();
      ToolCall call =
          ToolCall.of("web.browse", JsonNodeFactory.instance.objectNode().put("url", PAGE));
      try {
        assertThrows(ToolCancelledException.class, () -> tool.invoke(call, context()));
        assertTrue(Thread.interrupted(), "the caller's thread is still interrupted");
      } finally {
        Thread.interrupted();
        interrupter.join();
      }
    }
  }

  @Test
  void aCutOrBrokenConnectionFailsTheCallAtOnceAndAFinishedCallClosesIt() throws Exception {
    try (DevToolsPeer peer = new DevToolsPeer(PAGE).dropOn("Runtime.evaluate")) {
      // The timeout is long: the call must fail because the connection failed, not at the deadline.
      Tool tool = browser(peer.chromium(bin, args())).timeout(Duration.ofMinutes(5)).build();
      assertFails(tool, "closed the connection");
    }
    try (DevToolsPeer peer = new DevToolsPeer(PAGE).garbleOn("Runtime.evaluate")) {
      Tool tool = browser(peer.chromium(bin, args())).timeout(Duration.ofMinutes(5)).build();
      assertFails(tool, "connection failed");
    }
    try (DevToolsPeer peer = new DevToolsPeer(PAGE)) {
      browse(browser(peer.chromium(bin, args())).build(), PAGE);
      assertTrue(peer.closedWithin(60), "the DevTools connection is closed when the call ends");
    }
  }

  @Test
  void theScreenshotPathIsCheckedBeforeConsentAndNamedAsAResource() throws IOException {
    Tool tool = browser(DevToolsPeer.script(bin, "exit 1\n")).build();
    ObjectNode outside =
        JsonNodeFactory.instance.objectNode().put("url", PAGE).put("screenshot", "../x.png");
    assertThrows(SandboxViolationException.class, () -> tool.precheck(outside));
    ObjectNode input =
        JsonNodeFactory.instance.objectNode().put("url", PAGE).put("screenshot", "shots//a.png");
    assertEquals(
        List.of(Resource.host("127.0.0.1"), Resource.path("shots/a.png")), tool.resources(input));
    ObjectNode plain = JsonNodeFactory.instance.objectNode().put("url", PAGE);
    assertEquals(List.of(Resource.host("127.0.0.1")), tool.resources(plain));
    assertEquals("open " + PAGE + " in a headless browser", tool.summarize(plain));
  }

  @Test
  void anAllowListLetsOnlyItsHostsThrough() throws IOException {
    String listed = "http://127.0.0.1:8080/style.css";
    String unlisted = "http://127.0.0.1:9090/track.gif";
    try (DevToolsPeer peer = new DevToolsPeer(PAGE, listed, unlisted)) {
      Tool tool = browser(peer.chromium(bin, args())).allowHosts("127.0.0.1:8080").build();
      JsonNode result = browse(tool, PAGE);
      assertEquals(1, result.path("blocked").size(), result.toString());
      assertTrue(result.path("blocked").path(0).asText().startsWith(unlisted), result.toString());
      List<String> continued =
          peer.received.stream()
              .filter(m -> m.path("method").asText().equals("Fetch.continueRequest"))
              .map(m -> m.at("/params/requestId").asText())
              .toList();
      assertEquals(List.of("request-0", "request-1"), continued);
    }
    Tool tool = browser(DevToolsPeer.script(bin, "exit 1\n")).allowHosts("127.0.0.1:8080").build();
    ObjectNode elsewhere =
        JsonNodeFactory.instance.objectNode().put("url", "http://127.0.0.1:9090/page");
    assertThrows(SandboxViolationException.class, () -> tool.precheck(elsewhere));
  }

  @Test
  void aSubresourceOnAHostThatDoesNotResolveIsFailedAndTheLoadGoesOn() throws IOException {
    String gone = "http://ads.gone.test/pixel.gif";
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (DevToolsPeer peer = new DevToolsPeer(PAGE, gone)) {
      Tool tool =
          browser(peer.chromium(bin, args()))
              .resolver(
                  name -> name.equals("127.0.0.1") ? new InetAddress[] {loopback} : unknown(name))
              .build();
      JsonNode result = browse(tool, PAGE);
      assertEquals(1, result.path("blocked").size(), result.toString());
      assertTrue(result.path("blocked").path(0).asText().startsWith(gone), result.toString());
      assertEquals("request-1", peer.message("Fetch.failRequest").at("/params/requestId").asText());
    }
  }

  @Test
  void aScreenshotPathThroughALinkToOutsideTheWorkspaceIsRefused(@TempDir Path outside)
      throws IOException {
    Files.createSymbolicLink(workspace.resolve("shots"), outside);
    Files.createSymbolicLink(workspace.resolve("shot.png"), outside.resolve("shot.png"));
    for (String shot : List.of("shots/a.png", "shot.png")) {
      try (DevToolsPeer peer = new DevToolsPeer(PAGE)) {
        Tool tool = browser(peer.chromium(bin, args())).build();
        ObjectNode input =
            JsonNodeFactory.instance.objectNode().put("url", PAGE).put("screenshot", shot);
        assertThrows(SandboxViolationException.class, () -> tool.precheck(input), shot);
        assertThrows(SandboxViolationException.class, () -> browse(tool, input), shot);
      }
    }
    try (var written = Files.list(outside)) {
      assertEquals(List.of(), written.toList(), "nothing is written outside the workspace");
    }
  }

  @Test
  void aChromiumThatExitsEarlyIsReportedWithItsStatus() throws IOException {
    Path chromium = DevToolsPeer.script(bin, "printf '%s\\n' \"$@\" > '" + args() + "'\nexit 3\n");
    Tool tool = browser(chromium).build();
    assertFails(tool, "exited with status 3");
    assertFalse(Files.exists(profile()), "the browser profile is deleted");
  }

  @Test
  void aChromiumThatNeverOpensItsPortIsKilledAtTheDeadline() throws IOException {
    Path pid = bin.resolve("pid");
    Path chromium =
        DevToolsPeer.script(
            bin,
            "printf '%s\\n' \"$@\" > '" + args() + "'\necho $$ > '" + pid + "'\nexec sleep 300\n");
    Tool tool = browser(chromium).timeout(Duration.ofSeconds(2)).build();
    assertFails(tool, "did not open its DevTools port");
    long process = Long.parseLong(Files.readString(pid).trim());
    assertFalse(ProcessHandle.of(process).map(ProcessHandle::isAlive).orElse(false));
    assertFalse(Files.exists(profile()), "the browser profile is deleted");
  }

  @Test
  void chromiumResolvesANamedHostToTheAddressTheGuardChecked() throws IOException {
    InetAddress v4 = InetAddress.getByName("127.0.0.1");
    InetAddress v6 = InetAddress.getByName("::1");
    Map<String, String> rules =
        Map.of(
            "docs.test", "--host-resolver-rules=MAP docs.test 127.0.0.1",
            "v6.test", "--host-resolver-rules=MAP v6.test [0:0:0:0:0:0:0:1]",
            "[::1]", "none");
    for (Map.Entry<String, String> rule : rules.entrySet()) {
      try (DevToolsPeer peer = new DevToolsPeer()) {
        Tool tool =
            browser(peer.chromium(bin, args()))
                .resolver(
                    name ->
                        switch (name) {
                          case "docs.test" -> new InetAddress[] {v4};
                          case "v6.test" -> new InetAddress[] {v6};
                          case "::1" -> new InetAddress[] {v6};
                          default -> unknown(name);
                        })
                .build();
        browse(tool, "http://" + rule.getKey() + ":8080/page");
      }
      List<String> flags =
          chromiumArgs().stream().filter(f -> f.startsWith("--host-resolver-rules")).toList();
      assertEquals(
          rule.getValue().equals("none") ? List.of() : List.of(rule.getValue()),
          flags,
          rule.getKey());
    }
  }

  private static InetAddress[] unknown(String host) throws UnknownHostException {
    throw new UnknownHostException(host);
  }
}
