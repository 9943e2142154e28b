package dev.olympus.tools.internal.http;

import dev.olympus.tools.Tool;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;

/** Creates the HTTP tools over one client and one guard. */
public final class HttpToolSet {
  private HttpToolSet() {}

  /**
   * Returns {@code net.http.get} and, if {@code post}, {@code net.http.post}, resolving host names
   * with {@code resolver} (once per hop: the checked addresses are the ones connected to) and
   * opening HTTPS connections with {@code tls}.
   */
  public static List<Tool> create(
      List<String> allowedHosts,
      boolean allowLoopback,
      HttpLimits limits,
      boolean post,
      SsrfGuard.Resolver resolver,
      SSLSocketFactory tls) {
    SsrfGuard guard = new SsrfGuard(allowedHosts, allowLoopback, resolver);
    List<Tool> tools = new ArrayList<>();
    tools.add(new HttpFetch(false, guard, limits, tls));
    if (post) {
      tools.add(new HttpFetch(true, guard, limits, tls));
    }
    return List.copyOf(tools);
  }
}
