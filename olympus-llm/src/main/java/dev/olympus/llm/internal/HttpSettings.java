package dev.olympus.llm.internal;

import dev.olympus.llm.spi.Capability;
import dev.olympus.plan.internal.Checks;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * The settings of an HTTP provider, copied out of its builder. {@link #toString()} never prints the
 * API key.
 *
 * @param name the provider's name in routing decisions and metrics
 * @param baseUri the server's base address
 * @param model the chat model
 * @param embeddingModel the embedding model
 * @param apiKey the bearer token, or empty for none
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
    Checks.notNull(connectTimeout, "connectTimeout");
    Checks.notNull(requestTimeout, "requestTimeout");
    Checks.notNull(idleTimeout, "idleTimeout");
    capabilities = Set.copyOf(Checks.noNulls(capabilities, "capabilities"));
    Checks.notNull(clock, "clock");
  }

  /** {@code text} with every occurrence of the API key replaced, for error messages and logs. */
  public String redact(String text) {
    return apiKey.isEmpty() || text == null ? text : text.replace(apiKey, REDACTED);
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

  /** {@code path} (no leading slash) resolved against the base address's path. */
  public URI resolve(String path) {
    String base = baseUri.toString();
    return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
  }
}
