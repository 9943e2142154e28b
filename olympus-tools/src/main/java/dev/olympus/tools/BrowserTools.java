package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNull;
import static dev.olympus.tools.internal.Checks.positive;

import dev.olympus.tools.internal.Executables;
import dev.olympus.tools.internal.browser.WebBrowse;
import dev.olympus.tools.internal.http.SsrfGuard;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code web.browse} tool (scopes {@code net.browse} and {@code fs.write}, idempotent): loads a
 * page in headless Chromium (Debian's {@code chromium}, driven over the DevTools protocol with
 * {@code java.net.http}'s WebSocket; nothing is downloaded), waits for the load event and for the
 * network to go quiet, and returns the page's readable text, its links, and a PNG screenshot saved
 * in the workspace (never replacing a file).
 *
 * <pre>{@code
 * Tool browse = BrowserTools.builder(workspace).allowHosts("en.wikipedia.org").build();
 * }</pre>
 *
 * <p>Every request Chromium's network stack makes for the page (the navigation, each redirect hop,
 * frames, workers, images, scripts, fetch/XHR) is paused by DevTools {@code Fetch} interception and
 * continued only if the same SSRF guard as {@link HttpTools} accepts its URL (scheme, allow-list
 * with ports, public addresses); refused requests fail in the browser and are listed under {@code
 * blocked}, and a refused main document fails the call with a {@link SandboxViolationException}.
 * Not covered: Chromium resolves names itself after the guard's check (a DNS answer that changes in
 * between is not caught, unlike {@link HttpTools}), and WebSocket and WebRTC traffic, which {@code
 * Fetch} does not see. The first URL is checked by {@link Tool#precheck} before consent is asked.
 * Each call starts a fresh browser with a new, deleted-after profile; the DevTools port listens on
 * 127.0.0.1 only while the call runs. The tool is immutable and thread-safe.
 */
public final class BrowserTools {
  private BrowserTools() {}

  /**
   * Returns a builder for {@code web.browse} saving screenshots in {@code workspace}.
   *
   * @throws NullPointerException if {@code workspace} is null
   */
  public static Builder builder(Path workspace) {
    return new Builder(workspace);
  }

  /** Returns the Chromium found on the {@code PATH} ({@code chromium}, then others), if any. */
  public static Optional<Path> findChromium() {
    return Stream.of("chromium", "chromium-browser", "google-chrome")
        .map(Executables::find)
        .flatMap(Optional::stream)
        .findFirst();
  }

  /**
   * Configures {@code web.browse}. Settings may be called again: the last call wins; {@link
   * #allowHosts} adds. Not thread-safe; can build more than once.
   */
  public static final class Builder {
    private final Path workspace;
    private final List<String> allowedHosts = new ArrayList<>();
    private boolean allowLoopback;
    private Path chromium;
    private Duration timeout = Duration.ofSeconds(30);
    private int maxTextChars = 100_000;
    private int maxLinks = 200;
    private Clock clock = Clock.systemUTC();
    private SsrfGuard.Resolver resolver = InetAddress::getAllByName;

    Builder(Path workspace) {
      this.workspace = notNull(workspace, "workspace");
    }

    /**
     * Restricts every request to these hosts, written as for {@link HttpTools.Builder#allowHosts}.
     *
     * @throws NullPointerException if {@code hosts} or a host is null
     * @throws IllegalArgumentException if a host is blank or its port is not 1 to 65535
     */
    public Builder allowHosts(String... hosts) {
      SsrfGuard.addAllowEntries(allowedHosts, hosts);
      return this;
    }

    /** Allows loopback addresses (for tests and local services only). */
    public Builder allowLoopback(boolean allow) {
      this.allowLoopback = allow;
      return this;
    }

    /**
     * Sets the Chromium binary; the default is {@link #findChromium()}.
     *
     * @throws NullPointerException if {@code binary} is null
     */
    public Builder chromium(Path binary) {
      this.chromium = notNull(binary, "binary");
      return this;
    }

    /**
     * Sets the longest a page may take from browser start to screenshot (default 30 s).
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder timeout(Duration timeout) {
      positive(notNull(timeout, "timeout").toNanos(), "timeout");
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets the most characters of text returned (default 100,000; the rest is cut).
     *
     * @throws IllegalArgumentException if {@code chars} is not positive
     */
    public Builder maxTextChars(int chars) {
      this.maxTextChars = (int) positive(chars, "chars");
      return this;
    }

    /**
     * Sets the most links returned (default 200).
     *
     * @throws IllegalArgumentException if {@code links} is not positive
     */
    public Builder maxLinks(int links) {
      this.maxLinks = (int) positive(links, "links");
      return this;
    }

    /** Sets how the guard resolves host names; for tests that play a DNS answer. */
    Builder resolver(SsrfGuard.Resolver resolver) {
      this.resolver = notNull(resolver, "resolver");
      return this;
    }

    /**
     * Sets the clock that names screenshots. The timeout is always measured in system time.
     *
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = notNull(clock, "clock");
      return this;
    }

    /**
     * Builds the tool.
     *
     * @throws IllegalStateException if no Chromium binary was set or found
     * @throws IllegalArgumentException if the workspace is not an existing directory
     */
    public Tool build() {
      Path binary = chromium != null ? chromium : findChromium().orElse(null);
      if (binary == null) {
        throw new IllegalStateException(
            "no Chromium on the PATH: install Debian's chromium or set chromium(path)");
      }
      SsrfGuard guard = new SsrfGuard(allowedHosts, allowLoopback, resolver);
      return new WebBrowse(
          workspace,
          new WebBrowse.BrowseSettings(guard, binary, timeout, maxTextChars, maxLinks, clock));
    }
  }
}
