package dev.olympus.tools.internal.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.tools.Resource;
import dev.olympus.tools.Risk;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.internal.Json;
import dev.olympus.tools.internal.fs.FsLimits;
import dev.olympus.tools.internal.fs.FsTool;
import dev.olympus.tools.internal.fs.FsWrite;
import dev.olympus.tools.internal.fs.Sandbox;
import dev.olympus.tools.internal.fs.SandboxPath;
import dev.olympus.tools.internal.http.SsrfGuard;
import dev.olympus.tools.internal.http.Urls;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/** {@code web.browse}: a page loaded in headless Chromium, every request through the guard. */
public final class WebBrowse extends FsTool {
  private static final String SCHEMA =
      """
      {"type":"object","additionalProperties":false,"required":["url"],"properties":{
        "url":{"type":"string","minLength":1,"maxLength":4096,
          "description":"The http or https URL of the page"},
        "screenshot":{"type":"string","minLength":1,"maxLength":4096,
          "description":"Workspace path of the PNG screenshot (default screenshots/<time>-<host>.png); an existing file is not replaced"}}}
      """;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  private final BrowseSettings settings;
  private final FsWrite writer;

  /** Creates {@code web.browse} saving screenshots in {@code workspace}. */
  public WebBrowse(Path workspace, BrowseSettings settings) {
    this(Sandbox.at(workspace), settings);
  }

  private WebBrowse(Sandbox sandbox, BrowseSettings settings) {
    super(
        "web.browse",
        sandbox,
        new FsLimits(1, 64L << 20, 1, true),
        "Load a web page in a headless browser (scripts run), wait for it to render, and return"
            + " its readable text, its links and a PNG screenshot saved in the workspace.",
        SCHEMA,
        SideEffect.IDEMPOTENT,
        Risk.of(
            "loads a web page in a headless browser, running its scripts (every request goes only"
                + " to allowed public hosts), and saves a screenshot in the workspace"),
        "net.browse",
        "fs.write");
    this.settings = settings;
    this.writer = new FsWrite(sandbox, limits);
  }

  @Override
  public void precheck(JsonNode input) {
    settings.guard().check(id(), url(input));
    sandbox.precheck(id(), path(screenshotPath(input, Instant.EPOCH)));
  }

  @Override
  protected JsonNode run(JsonNode input) throws IOException {
    URI url = url(input);
    SsrfGuard.Target checked = settings.guard().check(id(), url);
    // The waits this bounds are real, so the deadline is in system time whatever the clock says.
    Instant deadline = Instant.now().plus(settings.timeout());
    BrowserPage.Loaded loaded;
    try {
      loaded =
          BrowserPage.load(
              id(),
              settings.guard(),
              settings.chromium(),
              url,
              checked,
              settings.maxLinks(),
              deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolCancelledException(id());
    }
    String shot = screenshotPath(input, settings.clock().instant());
    ObjectNode write = Json.object().put("path", shot).put("encoding", "base64");
    writer.run(write.put("overwrite", false).put("content", encode(loaded.png())));
    return result(loaded, shot);
  }

  private ObjectNode result(BrowserPage.Loaded loaded, String shot) {
    JsonNode page = loaded.page();
    String text = page.path("text").asText();
    boolean cut = text.length() > settings.maxTextChars();
    ObjectNode out = Json.object().put("url", page.path("url").asText());
    out.put("title", page.path("title").asText());
    out.put("text", cut ? text.substring(0, settings.maxTextChars()) : text);
    out.put("textTruncated", cut);
    out.set("links", page.path("links"));
    out.put("screenshot", shot).put("screenshotBytes", loaded.png().length);
    loaded.blocked().forEach(out.putArray("blocked")::add);
    return out;
  }

  private static String encode(byte[] png) {
    return Base64.getEncoder().encodeToString(png);
  }

  private SandboxPath path(String raw) {
    return sandbox.parse(id(), raw, false);
  }

  private static String screenshotPath(JsonNode input, Instant now) {
    if (input.hasNonNull("screenshot")) {
      return input.get("screenshot").asText();
    }
    String host = hostOf(input);
    return "screenshots/"
        + STAMP.format(now)
        + "-"
        + host.replaceAll("[^a-zA-Z0-9.-]", "_")
        + ".png";
  }

  private static String hostOf(JsonNode input) {
    return Urls.host(input.path("url").asText());
  }

  private URI url(JsonNode input) {
    return Urls.parse(id(), input.path("url").asText());
  }

  @Override
  public List<Resource> resources(JsonNode input) {
    String host = hostOf(input);
    return input.hasNonNull("screenshot")
        ? List.of(Resource.host(host), Resource.path(cleanOrRaw(input.get("screenshot").asText())))
        : List.of(Resource.host(host));
  }

  @Override
  public String summarize(JsonNode input) {
    return "open " + input.path("url").asText() + " in a headless browser";
  }

  /**
   * What the browser needs.
   *
   * @param guard the SSRF guard every request passes
   * @param chromium the Chromium binary
   * @param timeout the longest a page may take, start to screenshot
   * @param maxTextChars the most text returned
   * @param maxLinks the most links returned
   * @param clock the clock for screenshot names
   */
  public record BrowseSettings(
      SsrfGuard guard,
      Path chromium,
      Duration timeout,
      int maxTextChars,
      int maxLinks,
      Clock clock) {}
}
