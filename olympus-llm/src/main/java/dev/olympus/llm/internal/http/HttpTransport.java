package dev.olympus.llm.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.CancelledException;
import dev.olympus.llm.LlmException;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.internal.Json;
import dev.olympus.plan.Cancellation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * JSON over {@link HttpClient} for one provider: every failure comes out as an {@link LlmException}
 * kind, and every wait is bounded by the provider's timeouts. Thread-safe.
 */
final class HttpTransport {
  private final HttpSettings settings;
  private final HttpClient client;
  private final Clock clock;
  private final String[] headers;
  private final Map<String, URI> uris = new ConcurrentHashMap<>();

  HttpTransport(HttpSettings settings) {
    this.settings = settings;
    this.clock = settings.clock();
    this.headers = headers(settings);
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.connectTimeout());
    if ("http".equalsIgnoreCase(settings.baseUri().getScheme())) {
      // Local servers speak plain HTTP/1.1. Reading their answers on the client's selector thread,
      // instead of handing each read to a worker pool, saves a thread hand-off per call: every
      // subscriber here only queues what it is given, so nothing blocks that thread. (TLS keeps
      // the pool: its handshake work must not hold up the selector.)
      builder.version(HttpClient.Version.HTTP_1_1).executor(Runnable::run);
    }
    this.client = builder.build();
  }

  /** POSTs {@code body} and returns the JSON answer. */
  JsonNode post(String path, JsonNode body) {
    return send(request(path).POST(json(body)).build());
  }

  /** GETs {@code path} and returns the JSON answer. */
  JsonNode get(String path) {
    return send(request(path).GET().build());
  }

  /**
   * POSTs {@code body} and returns the answer's lines as they arrive. Cancelling aborts the
   * exchange at once, also before the headers arrive; the lines then end at once.
   */
  LineStream stream(String path, JsonNode body, Cancellation cancellation) {
    LineStream lines = new LineStream(settings.name(), settings.idleTimeout());
    CompletableFuture<HttpResponse<Void>> exchange =
        client.sendAsync(request(path).POST(json(body)).build(), lines.handler());
    exchange.whenComplete((response, error) -> failIfError(lines, error));
    lines.onCancel(() -> exchange.cancel(true));
    cancellation.onCancel(lines::cancel);
    ResponseInfo info;
    try {
      info = await(lines.info(), exchange);
    } catch (CancellationException e) {
      return lines; // cancelled before the headers: nothing was received
    }
    if (info.statusCode() / 100 != 2) {
      String retryAfter = info.headers().firstValue("Retry-After").orElse(null);
      throw HttpFailures.fromStatus(
          settings.name(),
          info.statusCode(),
          settings.redact(lines.drain()),
          retryAfter,
          clock.instant());
    }
    return lines;
  }

  private static void failIfError(LineStream lines, Throwable error) {
    if (error != null) {
      lines.fail(error);
    }
  }

  /**
   * Sends DELETE with {@code body}; true if the server did it, false if it answered 404 (nothing
   * there to delete).
   */
  boolean delete(String path, JsonNode body) {
    HttpResponse<byte[]> response = exchange(request(path).method("DELETE", json(body)).build());
    if (response.statusCode() == 404) {
      return false;
    }
    failUnlessOk(response);
    return true;
  }

  private JsonNode send(HttpRequest request) {
    HttpResponse<byte[]> response = exchange(request);
    failUnlessOk(response);
    return Json.parse(settings.name(), response.body(), "the answer");
  }

  private void failUnlessOk(HttpResponse<byte[]> response) {
    if (response.statusCode() / 100 != 2) {
      String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
      throw HttpFailures.fromStatus(
          settings.name(),
          response.statusCode(),
          settings.redact(new String(response.body(), StandardCharsets.UTF_8)),
          retryAfter,
          clock.instant());
    }
  }

  /**
   * Sends {@code request} on this thread and returns once the whole answer is in, by the request
   * timeout: the client bounds the wait for the headers, {@link WholeBody} the rest.
   */
  private HttpResponse<byte[]> exchange(HttpRequest request) {
    long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
    try {
      return client.send(request, WholeBody.until(deadline));
    } catch (HttpTimeoutException e) {
      throw e instanceof HttpConnectTimeoutException
          ? HttpFailures.fromIo(settings.name(), e)
          : noAnswer(e);
    } catch (IOException e) {
      throw timedOut(e) ? noAnswer(e) : HttpFailures.fromIo(settings.name(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException(settings.name(), "interrupted while waiting for an answer", e);
    }
  }

  private static boolean timedOut(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private TransientException noAnswer(Throwable cause) {
    return new TransientException(
        settings.name(), "no answer within " + settings.requestTimeout(), cause);
  }

  /** Waits for {@code result} up to the request timeout, cancelling {@code exchange} on failure. */
  private <T> T await(Future<T> result, Future<?> exchange) {
    try {
      return result.get(settings.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw noAnswer(e);
    } catch (ExecutionException e) {
      throw fromCause(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.cancel(true);
      throw new CancelledException(settings.name(), "interrupted while waiting for an answer", e);
    }
  }

  private LlmException fromCause(Throwable cause) {
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof IOException io) {
      return HttpFailures.fromIo(settings.name(), io);
    }
    return new TransientException(settings.name(), "the request failed: " + cause, cause);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uris.computeIfAbsent(path, settings::resolve))
        .timeout(settings.requestTimeout())
        .headers(headers);
  }

  /** The headers of every request, as name and value pairs. */
  private static String[] headers(HttpSettings settings) {
    List<String> pairs = new ArrayList<>(List.of("Content-Type", "application/json"));
    settings.headers().forEach((name, value) -> pairs.addAll(List.of(name, value)));
    if (!settings.apiKey().isEmpty()) {
      pairs.addAll(List.of(settings.keyHeader(), settings.keyHeaderValue()));
    }
    return pairs.toArray(String[]::new);
  }

  private static HttpRequest.BodyPublisher json(JsonNode body) {
    return HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body));
  }
}
