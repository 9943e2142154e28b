package dev.olympus.llm.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.HardException;
import dev.olympus.llm.LlmException;
import dev.olympus.llm.RateLimitedException;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.internal.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Instant;

/** Classifies HTTP statuses and I/O errors into the {@link LlmException} kinds. */
public final class HttpFailures {
  private HttpFailures() {}

  /**
   * The failure for a non-2xx answer: 429 rate limited; 408 and 5xx transient; other 4xx hard.
   *
   * @param retryAfter the {@code Retry-After} header, or null
   */
  public static LlmException fromStatus(
      String provider, int status, String body, String retryAfter, Instant now) {
    String detail = "HTTP " + status + ": " + errorMessage(provider, body);
    if (status == 429) {
      return new RateLimitedException(provider, detail, RetryAfter.parse(retryAfter, now));
    }
    if (status == 408 || status >= 500) {
      return new TransientException(provider, detail, null);
    }
    if (status == 401 || status == 403) {
      return new HardException(provider, status, detail + " (check the API key)", null);
    }
    return new HardException(provider, status, detail, null);
  }

  /** The failure for an I/O error: all transient (refused, reset, timed out, dropped). */
  public static TransientException fromIo(String provider, IOException e) {
    String what;
    if (e instanceof HttpConnectTimeoutException) {
      what = "connect timed out";
    } else if (e instanceof HttpTimeoutException) {
      what = "no answer in time";
    } else if (e instanceof ConnectException) {
      what = "connection refused (is the server running?)";
    } else {
      what = "connection failed";
    }
    return new TransientException(provider, what + ": " + e, e);
  }

  /**
   * The error text of an error body: Ollama's {@code {"error":"..."}}, OpenAI's {@code
   * {"error":{"message":"..."}}}, or the raw body.
   */
  public static String errorMessage(String provider, String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    try {
      JsonNode error = Json.parse(provider, body, "error body").path("error");
      if (error.isTextual()) {
        return error.asText();
      }
      if (error.path("message").isTextual()) {
        return error.path("message").asText();
      }
    } catch (HardException notJson) {
      // fall through to the raw body
    }
    return Json.abbreviate(body.strip());
  }
}
