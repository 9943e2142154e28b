package dev.olympus.tools.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.Resource;
import dev.olympus.tools.Risk;
import dev.olympus.tools.SandboxViolationException;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolSpec;
import dev.olympus.tools.ToolTimeoutException;
import dev.olympus.tools.internal.AbstractTool;
import dev.olympus.tools.internal.Json;
import dev.olympus.tools.internal.Redactor;
import dev.olympus.tools.internal.Timers;
import dev.olympus.tools.internal.documents.TextExtraction;
import dev.olympus.tools.internal.fs.PathRules;
import dev.olympus.tools.internal.http.PinnedExchange.Request;
import dev.olympus.tools.internal.http.PinnedExchange.Response;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@code net.http.get} and {@code net.http.post}: one request, redirects followed by hand so the
 * {@link SsrfGuard} checks every hop, the body read up to a limit and turned into text. Each hop,
 * body included, finishes by the earlier of the call's deadline and the tool's timeout.
 */
final class HttpFetch extends AbstractTool {
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Set<Integer> TRANSIENT = Set.of(429, 502, 503, 504);

  private final boolean post;
  private final SsrfGuard guard;
  private final HttpLimits limits;
  private final SSLSocketFactory tls;
  private final ScheduledThreadPoolExecutor watchdog = Timers.daemon("olympus-http-deadline");

  HttpFetch(boolean post, SsrfGuard guard, HttpLimits limits, SSLSocketFactory tls) {
    super(post ? "net.http.post" : "net.http.get", spec(post));
    this.post = post;
    this.guard = guard;
    this.limits = limits;
    this.tls = tls;
  }

  private static ToolSpec spec(boolean post) {
    return ToolSpec.builder()
        .description(
            post
                ? "Send an HTTP POST request with a body and return the response as text."
                : "Fetch a web page or document over HTTP(S) and return its text.")
        .inputSchema(Json.parseObject(post ? HttpSchemas.POST : HttpSchemas.GET))
        .outputSchema(Json.object())
        .scopes(List.of(post ? "net.post" : "net.get"))
        .sideEffect(post ? SideEffect.SIDE_EFFECT : SideEffect.READ_ONLY)
        .risk(
            post
                ? Risk.of("sends data to a server on the network")
                : Risk.of("fetches a URL from the network; the server sees the request"))
        .build();
  }

  /** Checks the URL against the scheme, allow-list and address rules. */
  @Override
  public void precheck(JsonNode input) {
    guard.check(id(), uri(input.path("url").asText()));
  }

  @Override
  public JsonNode invoke(ToolCall call, ToolContext context) {
    JsonNode input = call.input();
    URI uri = uri(input.path("url").asText());
    String method = post ? "POST" : "GET";
    byte[] body = input.path("body").asText("").getBytes(StandardCharsets.UTF_8);
    String type = input.path("contentType").asText("application/json");
    SsrfGuard.Target consented = guard.check(id(), uri);
    SsrfGuard.Target target = consented;
    for (int hop = 0; ; hop++) {
      context.throwIfCancelled(id());
      byte[] sent = method.equals("POST") ? body : new byte[0];
      Response response = send(new Request(method, uri, sent, type), target, context);
      int status = response.status();
      if (!REDIRECTS.contains(status)) {
        return result(uri, response);
      }
      if (hop >= limits.maxRedirects()) {
        throw new ToolExecutionException(id(), "more than " + limits.maxRedirects() + " redirects");
      }
      URI next = redirect(uri, response);
      if (status == 303 || (status < 307 && method.equals("POST"))) {
        method = "GET";
      }
      target = guard.check(id(), next);
      checkRedirect(consented, target, status, method);
      uri = next;
    }
  }

  /**
   * Consent and {@code within host=} grants cover the first URL's host and port only, so a redirect
   * to another host or port is followed only if it is on the tool's allow-list, and a 307 or 308
   * never carries a POST body there.
   */
  private void checkRedirect(
      SsrfGuard.Target consented, SsrfGuard.Target next, int status, String method) {
    if (next.sameOrigin(consented)) {
      return;
    }
    String hop = "a " + status + " redirect from " + consented + " to " + next;
    if (method.equals("POST")) {
      throw new ToolExecutionException(
          id(), hop + " was refused: the request body is never re-sent to another host or port");
    }
    if (!guard.isListed(next.host(), next.port())) {
      throw new ToolExecutionException(
          id(),
          hop
              + " was refused: consent covers "
              + consented
              + " only; add '"
              + next.host()
              + "' (or '"
              + next.host()
              + ":"
              + next.port()
              + "') to the allow-list to follow it");
    }
  }

  private URI uri(String text) {
    try {
      URI uri = new URI(text);
      if (!uri.isAbsolute()) {
        throw new SandboxViolationException(id(), text, "the URL must be absolute");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new SandboxViolationException(id(), Redactor.redactUrl(text), "malformed URL");
    }
  }

  private URI redirect(URI from, Response response) {
    String location =
        response
            .header("location")
            .orElseThrow(() -> new ToolExecutionException(id(), "redirect without a Location"));
    try {
      return from.resolve(new URI(location));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new SandboxViolationException(id(), Redactor.redactUrl(location), "malformed redirect");
    }
  }

  private Duration remaining(ToolContext context) {
    Duration left = context.remaining();
    if (left.isZero()) {
      throw new ToolTimeoutException(id(), limits.timeout());
    }
    return left.compareTo(limits.timeout()) < 0 ? left : limits.timeout();
  }

  /**
   * Sends {@code request} to the checked addresses of {@code target} and reads the body, all by the
   * earlier of the call's deadline and the tool's timeout; cancelling the call closes the
   * connection.
   */
  private Response send(Request request, SsrfGuard.Target target, ToolContext context) {
    Duration timeout = remaining(context);
    PinnedExchange exchange = new PinnedExchange(tls, timeout, watchdog);
    Cancellation.Subscription cancel = context.cancellation().onCancel(exchange::abort);
    try (exchange;
        cancel) {
      return exchange.send(request, target, this::kept);
    } catch (SocketTimeoutException e) {
      context.throwIfCancelled(id());
      throw new ToolTimeoutException(id(), timeout);
    } catch (IOException e) {
      context.throwIfCancelled(id());
      throw new ToolExecutionException(id(), "request failed: " + e, true, e);
    }
  }

  /** Keeps one byte more than the limit of a body that is returned, so truncation shows. */
  private long kept(int status) {
    boolean discarded = REDIRECTS.contains(status) || TRANSIENT.contains(status);
    return discarded ? 0 : Math.min(Integer.MAX_VALUE - 8, limits.maxResponseBytes() + 1);
  }

  private ObjectNode result(URI uri, Response response) {
    int status = response.status();
    if (TRANSIENT.contains(status)) {
      throw new ToolExecutionException(id(), "server answered " + status, true, null);
    }
    ObjectNode result = Json.object().put("status", status).put("url", uri.toString());
    byte[] body = response.body();
    result.put("truncated", body.length > limits.maxResponseBytes());
    byte[] kept =
        body.length > limits.maxResponseBytes()
            ? Arrays.copyOf(body, (int) limits.maxResponseBytes())
            : body;
    String type = response.header("content-type").orElse("application/octet-stream");
    TextExtraction.describe(result, type, kept);
    return result;
  }

  @Override
  public String summarize(JsonNode input) {
    String url = Redactor.redactUrl(input.path("url").asText(""));
    return (post ? "POST to " : "GET ") + PathRules.display(url);
  }

  @Override
  public List<Resource> resources(JsonNode input) {
    try {
      String host = SsrfGuard.host(new URI(input.path("url").asText("")));
      return host == null ? List.of() : List.of(Resource.host(host));
    } catch (URISyntaxException e) {
      return List.of();
    }
  }
}
