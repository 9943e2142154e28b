package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.internal.http.HttpSettings;
import dev.olympus.llm.spi.Capability;
import dev.olympus.llm.spi.LlmProvider;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The settings the built-in HTTP providers share: name, embedding model, timeouts, capabilities and
 * clock. Not public: hosts see these settings on {@link OllamaProvider.Builder} and {@link
 * OpenAiCompatibleProvider.Builder}. The last call of a setter wins; headers and query parameters
 * are added. Not thread-safe; {@link #build()} may be called more than once.
 *
 * @param <B> the concrete builder
 */
abstract class HttpProviderBuilder<B extends HttpProviderBuilder<B>> {
  private final URI baseUri;
  private final String model;
  private final String apiKey;
  private String name;
  private String embeddingModel;
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration requestTimeout = Duration.ofMinutes(2);
  private Duration idleTimeout;
  private Set<Capability> capabilities = EnumSet.allOf(Capability.class);
  private Clock clock = Clock.systemUTC();
  private String keyHeader = "Authorization";
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final Map<String, String> query = new LinkedHashMap<>();

  HttpProviderBuilder(String kind, URI baseUri, String model, String apiKey) {
    this.baseUri = Checks.notNull(baseUri, "baseUri");
    this.model = Checks.notBlank(model, "model");
    this.apiKey = Checks.notNull(apiKey, "apiKey");
    Checks.argument(
        "http".equalsIgnoreCase(baseUri.getScheme())
            || "https".equalsIgnoreCase(baseUri.getScheme()),
        "baseUri must be http or https but was " + baseUri);
    this.name = kind + "/" + model;
    this.embeddingModel = model;
  }

  abstract B self();

  /** Builds the provider. */
  public abstract LlmProvider build();

  /**
   * Names the provider in routing decisions, errors and metrics; the default is {@code kind/model},
   * such as {@code ollama/llama3.2}.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public B name(String name) {
    this.name = Checks.notBlank(name, "name");
    return self();
  }

  /**
   * Uses {@code model} for embeddings; the default is the chat model.
   *
   * @throws NullPointerException if {@code model} is null
   * @throws IllegalArgumentException if {@code model} is blank
   */
  public B embeddingModel(String model) {
    this.embeddingModel = Checks.notBlank(model, "model");
    return self();
  }

  /**
   * How long to wait for a connection; default 5 seconds.
   *
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public B connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "timeout");
    return self();
  }

  /**
   * How long to wait for a whole answer, or for a stream to start; default 2 minutes.
   *
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public B requestTimeout(Duration timeout) {
    this.requestTimeout = positive(timeout, "timeout");
    return self();
  }

  /**
   * How long a started stream may go without data; default the request timeout.
   *
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public B streamIdleTimeout(Duration timeout) {
    this.idleTimeout = positive(timeout, "timeout");
    return self();
  }

  /**
   * Declares what the server supports, for servers that lack some features (a llama.cpp server
   * without tool calling, say); the default is everything.
   *
   * @throws NullPointerException if {@code capabilities} is null or holds a null
   */
  public B capabilities(Set<Capability> capabilities) {
    Checks.noNulls(capabilities, "capabilities");
    this.capabilities = capabilities.isEmpty() ? Set.of() : EnumSet.copyOf(capabilities);
    return self();
  }

  /**
   * The clock for reading {@code Retry-After} dates; default {@link Clock#systemUTC()}. Pass the
   * clock the host uses elsewhere (the router's, say) so that time is consistent in tests.
   *
   * @throws NullPointerException if {@code clock} is null
   */
  public B clock(Clock clock) {
    this.clock = Checks.notNull(clock, "clock");
    return self();
  }

  /**
   * Sends {@code name: value} with every request (a gateway's tenant header, say); a second value
   * for the same name replaces the first. Values are kept out of error messages like the API key.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name or value is not a valid header, or the name is one
   *     the HTTP client sets itself (such as {@code Host} or {@code Content-Length})
   */
  public B header(String name, String value) {
    Checks.notNull(name, "name");
    Checks.notNull(value, "value");
    HttpRequest.newBuilder().header(name, value); // throws for invalid and restricted headers
    headers.put(name, value);
    return self();
  }

  /**
   * Adds {@code name=value} to the query of every request's address (URL-encoded); a second value
   * for the same name replaces the first.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public B queryParameter(String name, String value) {
    query.put(Checks.notBlank(name, "name"), Checks.notNull(value, "value"));
    return self();
  }

  /** Sends the API key as is in {@code header} instead of as a bearer token. */
  B keyHeader(String header) {
    this.keyHeader = header;
    return self();
  }

  HttpSettings settings() {
    return new HttpSettings(
        name,
        baseUri,
        model,
        embeddingModel,
        apiKey,
        keyHeader,
        headers,
        query,
        connectTimeout,
        requestTimeout,
        idleTimeout == null ? requestTimeout : idleTimeout,
        capabilities,
        clock);
  }

  private static Duration positive(Duration value, String name) {
    Checks.notNull(value, name);
    Checks.argument(!value.isNegative() && !value.isZero(), name + " must be > 0 but was " + value);
    return value;
  }
}
