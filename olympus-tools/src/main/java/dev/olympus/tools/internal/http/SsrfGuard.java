package dev.olympus.tools.internal.http;

import dev.olympus.tools.SandboxViolationException;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.internal.Checks;
import dev.olympus.tools.internal.Redactor;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a URL may be fetched: scheme, credentials, host allow-list, names that always
 * mean an internal service, ambiguous numeric hosts, and every address the host resolves to
 * (loopback, private, link-local, multicast, reserved and cloud-metadata ranges are refused,
 * including IPv4 embedded in IPv6). Called before the first request and before every redirect.
 * Thread-safe.
 *
 * <p>{@link #check} returns the addresses it checked; the HTTP tools connect to those and never
 * resolve the name again, so DNS rebinding (a second answer pointing inside) cannot take effect.
 * Allow-list entries may pin a port ({@code host:port}, {@code [::1]:8080}); an entry without one
 * allows every port.
 */
public final class SsrfGuard {
  /** Resolves a host name to its addresses. */
  @FunctionalInterface
  public interface Resolver {
    /** Returns every address of {@code host}. */
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private static final Set<String> INTERNAL_NAMES =
      Set.of("localhost", "metadata", "metadata.google.internal", "instance-data", "kubernetes");
  private static final Pattern NUMERIC_LABEL = Pattern.compile("(0x[0-9a-f]*|[0-9]+)");
  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

  /** A checked destination: the host, the port, and the addresses that may be connected to. */
  public record Target(String host, int port, List<InetAddress> addresses) {
    /** Copies the addresses. */
    public Target {
      addresses = List.copyOf(addresses);
    }

    /** Whether {@code other} names the same host and port. */
    boolean sameOrigin(Target other) {
      return host.equals(other.host) && port == other.port;
    }

    @Override
    public String toString() {
      return "host '" + host + "' port " + port;
    }
  }

  /** An allow-list entry: a host or {@code *.domain}, and a port or -1 for any. */
  private record Allowed(String host, int port) {
    boolean matches(String candidate, int candidatePort) {
      boolean hostMatches =
          host.startsWith("*.") ? candidate.endsWith(host.substring(1)) : candidate.equals(host);
      return hostMatches && (port < 0 || port == candidatePort);
    }
  }

  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

  private final List<Allowed> allowedHosts;
  private final boolean allowLoopback;
  private final Resolver resolver;

  /** Creates a guard; an empty allow-list allows every host that passes the other checks. */
  public SsrfGuard(List<String> allowedHosts, boolean allowLoopback, Resolver resolver) {
    this.allowedHosts = allowedHosts.stream().map(SsrfGuard::allowed).toList();
    this.allowLoopback = allowLoopback;
    this.resolver = resolver;
  }

  /**
   * Checks each of {@code hosts} as an allow-list entry and adds it to {@code into}.
   *
   * @throws NullPointerException if {@code hosts} or a host is null
   * @throws IllegalArgumentException if a host is blank or malformed
   */
  public static void addAllowEntries(List<String> into, String... hosts) {
    for (String host : Checks.notNull(hosts, "hosts")) {
      checkAllowEntry(Checks.notBlank(host, "host"));
      into.add(host);
    }
  }

  /**
   * Checks an allow-list entry: {@code host}, {@code *.domain}, {@code host:port} or {@code
   * [ipv6]:port}.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code entry}
   */
  public static void checkAllowEntry(String entry) {
    allowed(entry);
  }

  private static Allowed allowed(String entry) {
    String text = entry.strip().toLowerCase(Locale.ROOT);
    int colon = text.lastIndexOf(':');
    boolean bracketed = text.startsWith("[");
    boolean hasPort = bracketed ? text.contains("]:") : colon >= 0 && text.indexOf(':') == colon;
    String host = hasPort ? text.substring(0, colon) : text;
    int port = hasPort ? port(entry, text.substring(colon + 1)) : -1;
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty() || host.contains("/") || host.contains("[") || host.contains("]")) {
      throw new IllegalArgumentException("allow-list entry '" + entry + "' has no valid host");
    }
    return new Allowed(host.endsWith(".") ? host.substring(0, host.length() - 1) : host, port);
  }

  private static int port(String entry, String digits) {
    int port = PORT.matcher(digits).matches() ? Integer.parseInt(digits) : 0;
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "allow-list entry '" + entry + "' has an invalid port '" + digits + "'");
    }
    return port;
  }

  /** Returns the port {@code uri} connects to: its own, or 80 for http and 443 for https. */
  static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /**
   * Returns the host, port and addresses of {@code uri} if it may be fetched, or throws naming why
   * not. Connect only to the returned addresses.
   */
  public Target check(String toolId, URI uri) {
    String shown = Redactor.redactUrl(uri.toString());
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new SandboxViolationException(toolId, shown, "only http and https URLs are allowed");
    }
    if (uri.getRawUserInfo() != null) {
      throw new SandboxViolationException(toolId, shown, "credentials in URLs are not allowed");
    }
    String host = host(uri);
    if (host == null) {
      throw new SandboxViolationException(toolId, shown, "the URL has no valid host");
    }
    int port = port(uri);
    if (port < 1 || port > 65535) {
      throw new SandboxViolationException(toolId, shown, "port " + port + " is out of range");
    }
    String refusal = nameRefusal(host, port);
    if (refusal != null) {
      throw new SandboxViolationException(toolId, shown, refusal);
    }
    InetAddress[] addresses = resolve(toolId, host);
    for (InetAddress address : addresses) {
      String reason = addressRefusal(address, allowLoopback);
      if (reason != null) {
        throw new SandboxViolationException(
            toolId, shown, host + " resolves to " + address.getHostAddress() + ", " + reason);
      }
    }
    return new Target(host, port, List.of(addresses));
  }

  /** Returns the lower-case host without brackets or a trailing dot, or null. */
  static String host(URI uri) {
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return null;
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  private String nameRefusal(String host, int port) {
    boolean internal =
        INTERNAL_NAMES.contains(host)
            || host.endsWith(".localhost")
            || host.endsWith(".internal")
            || host.endsWith(".local");
    if (internal && !(allowLoopback && host.equals("localhost"))) {
      return "'" + host + "' names an internal or local service";
    }
    if (isAmbiguousNumber(host)) {
      return "'" + host + "' is a non-canonical numeric address";
    }
    if (!allowedHosts.isEmpty() && !isListed(host, port)) {
      return "host '" + host + "' port " + port + " is not on the allow-list";
    }
    return null;
  }

  /** Returns whether {@code host} and {@code port} match an entry of a non-empty allow-list. */
  boolean isListed(String host, int port) {
    return allowedHosts.stream().anyMatch(a -> a.matches(host, port));
  }

  private static boolean isAmbiguousNumber(String host) {
    if (host.contains(":")) {
      return false;
    }
    boolean numeric =
        Arrays.stream(host.split("\\.", -1)).allMatch(l -> NUMERIC_LABEL.matcher(l).matches());
    return numeric && !DOTTED_QUAD.matcher(host).matches();
  }

  private InetAddress[] resolve(String toolId, String host) {
    try {
      InetAddress[] addresses = resolver.resolve(host);
      if (addresses == null || addresses.length == 0) {
        throw new UnknownHostException(host);
      }
      return addresses;
    } catch (UnknownHostException e) {
      throw new ToolExecutionException(toolId, "cannot resolve host '" + host + "'", true, e);
    }
  }

  /** Returns why {@code address} may not be contacted, or null if it is a public address. */
  public static String addressRefusal(InetAddress address, boolean allowLoopback) {
    if (address instanceof Inet6Address) {
      byte[] embedded = embeddedIpv4(address.getAddress());
      if (embedded != null) {
        return ipv4Refusal(embedded, allowLoopback);
      }
      return ipv6Refusal(address, allowLoopback);
    }
    return ipv4Refusal(address.getAddress(), allowLoopback);
  }

  private static String ipv4Refusal(byte[] b, boolean allowLoopback) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    if (a0 == 127) {
      return allowLoopback ? null : "a loopback address";
    }
    if (a0 == 169 && a1 == 254) {
      return "a link-local address (cloud metadata)";
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return "a private address";
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return "a carrier-grade NAT address";
    }
    if (a0 >= 224) {
      return a0 < 240 ? "a multicast address" : "a reserved or broadcast address";
    }
    if (a0 == 0
        || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
        || (a0 == 198 && (a1 & 0xfe) == 18)
        || (a0 == 198 && a1 == 51 && a2 == 100)
        || (a0 == 203 && a1 == 0 && a2 == 113)) {
      return "a reserved, documentation or benchmarking address";
    }
    return null;
  }

  private static String ipv6Refusal(InetAddress address, boolean allowLoopback) {
    byte[] b = address.getAddress();
    if (address.isLoopbackAddress()) {
      return allowLoopback ? null : "a loopback address";
    }
    if (address.isAnyLocalAddress()) {
      return "the unspecified address";
    }
    if (address.isLinkLocalAddress() || address.isSiteLocalAddress()) {
      return "a link-local or site-local address";
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return "a unique-local (private) address";
    }
    if (address.isMulticastAddress()) {
      return "a multicast address";
    }
    if ((b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8)
        || (b[0] == 0x01 && b[1] == 0x00)
        || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)) {
      return "a documentation, discard or Teredo address";
    }
    return null;
  }

  /** Returns the IPv4 address inside an IPv4-compatible, -mapped, NAT64 or 6to4 address. */
  private static byte[] embeddedIpv4(byte[] b) {
    boolean zeros10 = allZero(b, 0, 10);
    boolean compatible = zeros10 && b[10] == 0 && b[11] == 0 && !allZero(b, 12, 14);
    boolean mapped = zeros10 && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    boolean nat64 =
        b[0] == 0x00
            && b[1] == 0x64
            && b[2] == (byte) 0xff
            && b[3] == (byte) 0x9b
            && allZero(b, 4, 12);
    if (compatible || mapped || nat64) {
      return Arrays.copyOfRange(b, 12, 16);
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return Arrays.copyOfRange(b, 2, 6);
    }
    return null;
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
