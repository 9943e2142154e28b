package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNegative;
import static dev.olympus.tools.internal.Checks.notNull;
import static dev.olympus.tools.internal.Checks.positive;

import dev.olympus.tools.internal.http.HttpLimits;
import dev.olympus.tools.internal.http.HttpToolSet;
import dev.olympus.tools.internal.http.SsrfGuard;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;

/**
 * The built-in HTTP tools on {@code java.net.http}: {@code net.http.get} (scope {@code net.get},
 * read-only) and, when enabled, {@code net.http.post} (scope {@code net.post}, side effect).
 *
 * <pre>{@code
 * List<Tool> http = HttpTools.builder()
 *     .allowHosts("en.wikipedia.org", "*.example.com")
 *     .maxResponseBytes(1 << 20)
 *     .build();
 * }</pre>
 *
 * <p>Only {@code http} and {@code https} URLs without credentials are fetched. Before the first
 * request and before following each redirect (redirects are followed by hand, at most {@link
 * Builder#maxRedirects}), the host and port must be on the allow-list (if one is set; {@code
 * *.example.com} matches subdomains, {@code host:port} pins a port) and every address the host
 * resolves to must be public: loopback, private, carrier-grade NAT, link-local (including the
 * {@code 169.254.169.254} cloud-metadata address), unique-local, multicast, reserved and
 * documentation ranges, IPv4 embedded in IPv6, names like {@code localhost} or {@code
 * metadata.google.internal}, and non-canonical numeric hosts such as {@code 2130706433} are refused
 * with a {@link SandboxViolationException}. The request goes to an address that was checked: the
 * name is resolved once per hop and never again, so DNS rebinding cannot redirect it (HTTPS still
 * verifies the certificate against the host name). Consent and {@code within host=} grants name the
 * first URL's host, so a redirect to a different host or port is refused with a non-retryable
 * {@link ToolExecutionException} naming both unless the new host and port are on the allow-list,
 * and a 307 or 308 answer to a POST is never followed to a different host or port (the body is
 * never re-sent there). Loopback is allowed only with {@link Builder#allowLoopback}. The URL is
 * checked by {@link Tool#precheck} before consent is asked. Bodies are read up to a size limit (the
 * rest is cut and {@code truncated} is true); text types are decoded by their charset, HTML is
 * reduced to its visible text, other types are returned as base64. 429 and 502–504 answers are
 * retryable failures; other statuses are returned. The requests are HTTP/1.1 without proxies. The
 * tools are immutable and thread-safe.
 */
public final class HttpTools {
  private HttpTools() {}

  /** Returns {@code net.http.get} for any public host with default limits. */
  public static List<Tool> defaults() {
    return builder().build();
  }

  /** Returns a builder; defaults: any public host, 2 MiB, 30 seconds, 5 redirects, no POST. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures the HTTP tools. Settings may be called again: the last call wins; {@link
   * #allowHosts} adds. Not thread-safe; can build more than once.
   */
  public static final class Builder {
    private final List<String> allowedHosts = new ArrayList<>();
    private boolean allowLoopback;
    private long maxResponseBytes = 2L << 20;
    private Duration timeout = Duration.ofSeconds(30);
    private int maxRedirects = 5;
    private boolean post;
    private SsrfGuard.Resolver resolver = InetAddress::getAllByName;
    private SSLSocketFactory tls;

    Builder() {}

    /**
     * Restricts requests to these hosts: {@code example.com}, {@code *.example.com} (any
     * subdomain), or with a pinned port, {@code 127.0.0.1:8080} or {@code [::1]:8080}; an entry
     * without a port allows every port of its host.
     *
     * @throws NullPointerException if {@code hosts} or a host is null
     * @throws IllegalArgumentException if a host is blank or its port is not 1 to 65535
     */
    public Builder allowHosts(String... hosts) {
      SsrfGuard.addAllowEntries(allowedHosts, hosts);
      return this;
    }

    /** Sets the TLS socket factory; for tests that trust their own certificate. */
    Builder tls(SSLSocketFactory tls) {
      this.tls = notNull(tls, "tls");
      return this;
    }

    /** Sets how host names are resolved; for tests that play a changing DNS answer. */
    Builder resolver(SsrfGuard.Resolver resolver) {
      this.resolver = notNull(resolver, "resolver");
      return this;
    }

    /** Allows loopback addresses and {@code localhost} (for tests and local services only). */
    public Builder allowLoopback(boolean allow) {
      this.allowLoopback = allow;
      return this;
    }

    /**
     * Sets the most response body bytes read.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder maxResponseBytes(long bytes) {
      this.maxResponseBytes = positive(bytes, "bytes");
      return this;
    }

    /**
     * Sets the longest a request may take (the call's deadline also applies).
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
     * Sets the most redirects followed; 0 follows none.
     *
     * @throws IllegalArgumentException if {@code redirects} is negative
     */
    public Builder maxRedirects(int redirects) {
      notNegative(redirects, "redirects");
      this.maxRedirects = redirects;
      return this;
    }

    /** Also builds {@code net.http.post}, behind the scope {@code net.post}. */
    public Builder enablePost() {
      this.post = true;
      return this;
    }

    /** Builds the tools. */
    public List<Tool> build() {
      return HttpToolSet.create(
          allowedHosts,
          allowLoopback,
          new HttpLimits(maxResponseBytes, timeout, maxRedirects),
          post,
          resolver,
          tls == null ? (SSLSocketFactory) SSLSocketFactory.getDefault() : tls);
    }
  }
}
