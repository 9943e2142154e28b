package dev.olympus.tools.internal.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.tools.SandboxViolationException;
import dev.olympus.tools.ToolException;
import dev.olympus.tools.internal.Json;
import dev.olympus.tools.internal.Redactor;
import dev.olympus.tools.internal.http.SsrfGuard;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads one page in a fresh headless Chromium. Every request the browser's network stack makes for
 * the page (navigations, redirects, frames, workers, subresources, fetch/XHR) is paused by DevTools
 * {@code Fetch} interception and continued only if the SSRF guard accepts its URL.
 */
final class BrowserPage {
  /** How long the network must be quiet after the load event before the page counts as drawn. */
  private static final long QUIET_NANOS = 500_000_000L;

  private static final String EXTRACT =
      """
      JSON.stringify({url: location.href, title: document.title,
        text: document.body ? document.body.innerText : '',
        links: Array.from(document.querySelectorAll('a[href]')).slice(0, %d)
          .map(a => ({text: (a.innerText || '').trim().slice(0, 300), href: a.href}))})
      """;

  /** What was loaded: the extracted page (url, title, text, links), the PNG, what was refused. */
  record Loaded(JsonNode page, byte[] png, List<String> blocked) {}

  private final String toolId;
  private final SsrfGuard guard;
  private final List<String> blocked = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> loaded = new CompletableFuture<>();
  private final AtomicLong lastRequest = new AtomicLong(System.nanoTime());
  private DevTools devTools;

  private BrowserPage(String toolId, SsrfGuard guard) {
    this.toolId = toolId;
    this.guard = guard;
  }

  /**
   * Loads {@code url} with {@code chromium}, giving up at {@code deadline}; Chromium connects to
   * {@code checked}'s first address for the URL's host instead of looking it up again.
   */
  static Loaded load(
      String toolId,
      SsrfGuard guard,
      Path chromium,
      URI url,
      SsrfGuard.Target checked,
      int maxLinks,
      Instant deadline)
      throws IOException, InterruptedException {
    BrowserPage page = new BrowserPage(toolId, guard);
    try (Chromium browser = Chromium.start(chromium, pin(checked), deadline);
        DevTools devTools = DevTools.connect(browser.endpoint(), page::onEvent, deadline)) {
      page.devTools = devTools;
      return page.navigate(url, maxLinks, deadline);
    }
  }

  /** The resolver rule that sends the first host to the address the guard checked. */
  static List<String> pin(SsrfGuard.Target checked) {
    InetAddress address = checked.addresses().get(0);
    String literal = address.getHostAddress();
    if (checked.host().equalsIgnoreCase(literal) || checked.host().contains(":")) {
      return List.of();
    }
    String mapped = address instanceof Inet6Address ? "[" + literal + "]" : literal;
    return List.of("--host-resolver-rules=MAP " + checked.host() + " " + mapped);
  }

  private Loaded navigate(URI url, int maxLinks, Instant deadline)
      throws IOException, InterruptedException {
    ObjectNode everything = Json.object();
    everything.putArray("patterns").addObject().put("urlPattern", "*");
    devTools.call(null, "Fetch.enable", everything);
    String target =
        devTools
            .call(null, "Target.createTarget", Json.object().put("url", "about:blank"))
            .path("targetId")
            .asText();
    ObjectNode attach = Json.object().put("targetId", target).put("flatten", true);
    String session =
        devTools.call(null, "Target.attachToTarget", attach).path("sessionId").asText();
    devTools.call(session, "Page.enable", Json.object());
    JsonNode navigated =
        devTools.call(session, "Page.navigate", Json.object().put("url", url.toString()));
    if (navigated.hasNonNull("errorText")) {
      throw refusedOrFailed(url, navigated.path("errorText").asText());
    }
    DevTools.await(loaded, deadline);
    waitForQuiet(deadline);
    return new Loaded(extract(session, maxLinks), screenshot(session), List.copyOf(blocked));
  }

  private RuntimeException refusedOrFailed(URI url, String error) throws IOException {
    if (!blocked.isEmpty()) {
      return new SandboxViolationException(toolId, url.toString(), "refused: " + blocked.get(0));
    }
    throw new IOException("loading " + url + " failed: " + error);
  }

  private void waitForQuiet(Instant deadline) throws InterruptedException {
    while (Instant.now().isBefore(deadline)
        && System.nanoTime() - lastRequest.get() < QUIET_NANOS) {
      Thread.sleep(50);
    }
  }

  private JsonNode extract(String session, int maxLinks) throws IOException, InterruptedException {
    ObjectNode evaluate =
        Json.object().put("expression", EXTRACT.formatted(maxLinks)).put("returnByValue", true);
    JsonNode result = devTools.call(session, "Runtime.evaluate", evaluate);
    return Json.MAPPER.readTree(result.path("result").path("value").asText("{}"));
  }

  private byte[] screenshot(String session) throws IOException, InterruptedException {
    ObjectNode png = Json.object().put("format", "png");
    String data = devTools.call(session, "Page.captureScreenshot", png).path("data").asText();
    return Base64.getDecoder().decode(data);
  }

  private void onEvent(JsonNode event) {
    switch (event.path("method").asText()) {
      case "Fetch.requestPaused" ->
          decide(event.path("sessionId").asText(null), event.path("params"));
      case "Page.loadEventFired" -> loaded.complete(null);
      default -> {}
    }
  }

  /**
   * Continues a paused request the guard accepts; fails the others (a host that does not resolve
   * included) and records why. A request left undecided would stay paused and hold the load.
   */
  private void decide(String session, JsonNode paused) {
    lastRequest.set(System.nanoTime());
    String id = paused.path("requestId").asText();
    String url = paused.path("request").path("url").asText();
    try {
      guard.check(toolId, URI.create(url));
      devTools.send(session, "Fetch.continueRequest", requestId(id));
    } catch (ToolException | IllegalArgumentException e) {
      blocked.add(Redactor.redactUrl(url) + ": " + e.getMessage());
      ObjectNode fail = requestId(id).put("errorReason", "BlockedByClient");
      devTools.send(session, "Fetch.failRequest", fail);
    }
  }

  private static ObjectNode requestId(String id) {
    return Json.object().put("requestId", id);
  }
}
