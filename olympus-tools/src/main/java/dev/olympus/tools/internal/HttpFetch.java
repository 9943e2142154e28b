package dev.olympus.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.tools.Cancellation;
import dev.olympus.tools.Resource;
import dev.olympus.tools.Risk;
import dev.olympus.tools.SandboxViolationException;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolCall;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolSpec;
import dev.olympus.tools.ToolTimeoutException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code net.http.get} and {@code net.http.post}: one request, redirects followed by hand so the
 * {@link SsrfGuard} checks every hop, the body read up to a limit and turned into text. Each hop,
 * body included, finishes by the earlier of the call's deadline and the tool's timeout.
 */
final class HttpFetch extends AbstractTool {
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Set<Integer> TRANSIENT = Set.of(429, 502, 503, 504);

  private final boolean post;
  private final HttpClient client;
  private final SsrfGuard guard;
  private final HttpLimits limits;
  private final Clock clock;

  HttpFetch(boolean post, HttpClient client, SsrfGuard guard, HttpLimits limits, Clock clock) {
    super(post ? "net.http.post" : "net.http.get", spec(post));
    this.post = post;
    this.client = client;
    this.guard = guard;
    this.limits = limits;
    this.clock = clock;
  }

  private static ToolSpec spec(boolean post) {
    return new ToolSpec(
        post
            ? "Send an HTTP POST request with a body and return the response as text."
            : "Fetch a web page or document over HTTP(S) and return its text.",
        Json.parseObject(post ? HttpSchemas.POST : HttpSchemas.GET),
        Json.object(),
        List.of(post ? "net.post" : "net.get"),
        post ? SideEffect.SIDE_EFFECT : SideEffect.READ_ONLY,
        post
            ? Risk.of("sends data to a server on the network")
            : Risk.of("fetches a URL from the network; the server sees the request"));
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
    String consented = SsrfGuard.host(uri);
    guard.check(id(), uri);
    for (int hop = 0; ; hop++) {
      context.throwIfCancelled(id());
      HttpResponse<byte[]> response = send(request(uri, method, body, input, context), context);
      int status = response.statusCode();
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
      guard.check(id(), next);
      checkRedirectHost(consented, next, status, method);
      uri = next;
    }
  }

  /**
   * Consent and {@code within host=} grants cover the first URL's host only, so a redirect to
   * another host is followed only if that host is on the tool's allow-list, and a 307 or 308 never
   * carries a POST body to another host.
   */
  private void checkRedirectHost(String consented, URI next, int status, String method) {
    String target = SsrfGuard.host(next);
    if (target == null || target.equals(consented)) {
      return;
    }
    String hop = "a " + status + " redirect from host '" + consented + "' to host '" + target + "'";
    if (method.equals("POST")) {
      throw new ToolExecutionException(
          id(), hop + " was refused: the request body is never re-sent to another host");
    }
    if (!guard.isListed(target)) {
      throw new ToolExecutionException(
          id(),
          hop
              + " was refused: consent covers '"
              + consented
              + "' only; add '"
              + target
              + "' to the allow-list to follow it");
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

  private URI redirect(URI from, HttpResponse<byte[]> response) {
    String location =
        response
            .headers()
            .firstValue("location")
            .orElseThrow(() -> new ToolExecutionException(id(), "redirect without a Location"));
    try {
      return from.resolve(new URI(location));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new SandboxViolationException(id(), Redactor.redactUrl(location), "malformed redirect");
    }
  }

  private HttpRequest request(
      URI uri, String method, byte[] body, JsonNode input, ToolContext context) {
    Duration timeout = remaining(context);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "olympus-tools");
    if (method.equals("POST")) {
      String type = input.path("contentType").asText("application/json");
      return builder
          .header("Content-Type", type)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
    }
    return builder.GET().build();
  }

  private Duration remaining(ToolContext context) {
    Duration left = context.remaining(clock);
    if (left.isZero()) {
      throw new ToolTimeoutException(id(), limits.timeout());
    }
    return left.compareTo(limits.timeout()) < 0 ? left : limits.timeout();
  }

  /**
   * Sends {@code request} and reads its body, all bounded by {@code timeout}: the request's own
   * timeout stops applying once headers arrive, so the wait for the whole exchange is what enforces
   * the deadline while a slow body trickles in. A timeout or cancellation aborts the exchange.
   */
  private HttpResponse<byte[]> send(HttpRequest request, ToolContext context) {
    Duration timeout = request.timeout().orElse(limits.timeout());
    CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, this::body);
    Cancellation.Subscription cancel = context.cancellation().onCancel(() -> exchange.cancel(true));
    try (cancel) {
      return exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new ToolTimeoutException(id(), timeout);
    } catch (CancellationException e) {
      throw new ToolCancelledException(id());
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new ToolCancelledException(id());
    } catch (ExecutionException e) {
      throw failure(e.getCause(), timeout, context);
    }
  }

  /** Keeps one byte more than the limit of a body that is returned, so truncation shows. */
  private HttpResponse.BodySubscriber<byte[]> body(HttpResponse.ResponseInfo info) {
    int status = info.statusCode();
    boolean discarded = REDIRECTS.contains(status) || TRANSIENT.contains(status);
    return new LimitedBody(
        discarded ? 0 : Math.min(Integer.MAX_VALUE - 8, limits.maxResponseBytes() + 1));
  }

  private RuntimeException failure(Throwable cause, Duration timeout, ToolContext context) {
    context.throwIfCancelled(id());
    if (cause instanceof HttpTimeoutException) {
      return new ToolTimeoutException(id(), timeout);
    }
    if (cause instanceof IOException) {
      return new ToolExecutionException(id(), "request failed: " + cause, true, cause);
    }
    return new ToolExecutionException(id(), "request failed: " + cause, false, cause);
  }

  private ObjectNode result(URI uri, HttpResponse<byte[]> response) {
    int status = response.statusCode();
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
    String type = response.headers().firstValue("content-type").orElse("application/octet-stream");
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
