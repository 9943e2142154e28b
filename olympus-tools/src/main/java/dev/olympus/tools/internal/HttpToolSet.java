package dev.olympus.tools.internal;

import dev.olympus.tools.Tool;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Creates the HTTP tools over one client and one guard. */
public final class HttpToolSet {
  private HttpToolSet() {}

  /** Returns {@code net.http.get} and, if {@code post}, {@code net.http.post}. */
  public static List<Tool> create(
      List<String> allowedHosts,
      boolean allowLoopback,
      HttpLimits limits,
      boolean post,
      Clock clock) {
    SsrfGuard guard = new SsrfGuard(allowedHosts, allowLoopback, InetAddress::getAllByName);
    HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(limits.timeout())
            .build();
    List<Tool> tools = new ArrayList<>();
    tools.add(new HttpFetch(false, client, guard, limits, clock));
    if (post) {
      tools.add(new HttpFetch(true, client, guard, limits, clock));
    }
    return List.copyOf(tools);
  }
}
