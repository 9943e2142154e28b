package dev.olympus.llm.internal.http;

import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.spi.Capability;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The settings of an HTTP provider, copied out of its builder. {@link #toString()} never prints the
 * API key.
 *
 * @param name the provider's name in routing decisions and metrics
 * @param baseUri the server's base address
 * @param model the chat model
 * @param embeddingModel the embedding model
 * @param apiKey the API key, or empty for none
 * @param keyHeader the header that carries the key: {@code Authorization} (as a bearer token) or
 *     another name (the key as is, such as Azure's {@code api-key})
 * @param headers extra headers sent with every request
 * @param query extra query parameters added to every request's address
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for a whole answer, or for a stream's headers
 * @param idleTimeout how long a stream may go without a line
 * @param capabilities what the server supports
 * @param clock the clock for {@code Retry-After} dates
 */
public record HttpSettings(
    String name,
    URI baseUri,
    String model,
    String embeddingModel,
    String apiKey,
    String keyHeader,
    Map<String, String> headers,
    Map<String, String> query,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration idleTimeout,
    Set<Capability> capabilities,
    Clock clock) {
  private static final String REDACTED = "[redacted]";

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if a name is blank
   */
  public HttpSettings {
    Checks.notBlank(name, "name");
    Checks.notNull(baseUri, "baseUri");
    Checks.notBlank(model, "model");
    Checks.notBlank(embeddingModel, "embeddingModel");
    Checks.notNull(apiKey, "apiKey");
    Checks.notBlank(keyHeader, "keyHeader");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(headers, "headers")));
    query = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(query, "query")));
    Checks.notNull(connectTimeout, "connectTimeout");
    Checks.notNull(requestTimeout, "requestTimeout");
    Checks.notNull(idleTimeout, "idleTimeout");
    capabilities = Set.copyOf(Checks.noNulls(capabilities, "capabilities"));
    Checks.notNull(clock, "clock");
  }

  /**
   * {@code text} with every occurrence of the API key and of the extra headers' values replaced,
   * for error messages and logs.
   */
  public String redact(String text) {
    String redacted = apiKey.isEmpty() || text == null ? text : text.replace(apiKey, REDACTED);
    for (String value : headers.values()) {
      redacted = value.isEmpty() || redacted == null ? redacted : redacted.replace(value, REDACTED);
    }
    return redacted;
  }

  /** The value of {@link #keyHeader()} for this key. */
  public String keyHeaderValue() {
    return keyHeader.equalsIgnoreCase("Authorization") ? "Bearer " + apiKey : apiKey;
  }

  /** Like the generated form, but the API key is never printed. */
  @Override
  public String toString() {
    return "HttpSettings[name="
        + name
        + ", baseUri="
        + baseUri
        + ", model="
        + model
        + ", embeddingModel="
        + embeddingModel
        + ", apiKey="
        + (apiKey.isEmpty() ? "" : REDACTED)
        + ", keyHeader="
        + keyHeader
        + ", headers="
        + headers.keySet()
        + ", query="
        + query
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", idleTimeout="
        + idleTimeout
        + ", capabilities="
        + capabilities
        + ", clock="
        + clock
        + "]";
  }

  /**
   * {@code path} (no leading slash) resolved against the base address's path, with the extra query
   * parameters.
   */
  public URI resolve(String path) {
    String base = baseUri.toString();
    StringBuilder uri = new StringBuilder(base.endsWith("/") ? base + path : base + "/" + path);
    char separator = '?';
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      uri.append(separator).append(encode(parameter.getKey())).append('=');
      uri.append(encode(parameter.getValue()));
      separator = '&';
    }
    return URI.create(uri.toString());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
