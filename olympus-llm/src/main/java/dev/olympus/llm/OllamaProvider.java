package dev.olympus.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.internal.http.OllamaClient;
import dev.olympus.llm.internal.http.OllamaOptionValue;
import dev.olympus.llm.internal.http.OllamaOptions;
import dev.olympus.llm.spi.LlmProvider;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Factories for the provider that talks to a local Ollama server through its native API: {@code
 * /api/chat} (streamed as NDJSON), {@code /api/embed}, and {@code /api/tags} to check that the
 * model is pulled. When it is not, calls fail with a {@link HardException} that says to run {@code
 * ollama pull <model>}.
 *
 * <pre>{@code
 * LlmProvider local = OllamaProvider.at(URI.create("http://127.0.0.1:11434"), "llama3.2");
 * LlmProvider tuned = OllamaProvider.builder(uri, "llama3.2")
 *     .embeddingModel("nomic-embed-text")
 *     .requestTimeout(Duration.ofMinutes(5))
 *     .keepAlive(Duration.ofMinutes(30))
 *     .option("top_k", 20)
 *     .build();
 * }</pre>
 *
 * <p>{@code options.num_ctx} (the context the model runs with) is sized per request unless {@link
 * Builder#contextLength(int)} fixes it: nothing for a request that fits Ollama's smallest default
 * context (2,048 tokens), otherwise the request's estimated size (prompt plus completion cap)
 * rounded up to a power of two, at most the model's context length as {@code /api/show} reports it.
 * Without it, Ollama cuts longer prompts silently. {@code options.num_predict} is always the
 * request's completion cap.
 *
 * <p>The providers it builds are thread-safe.
 */
public final class OllamaProvider {
  private OllamaProvider() {}

  /**
   * A provider for {@code model} on the server at {@code baseUri}, with default settings.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code model} is blank or the address is not http(s)
   */
  public static LlmProvider at(URI baseUri, String model) {
    return builder(baseUri, model).build();
  }

  /**
   * A builder for a provider of {@code model} on the server at {@code baseUri}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code model} is blank or the address is not http(s)
   */
  public static Builder builder(URI baseUri, String model) {
    return new Builder(baseUri, model);
  }

  /** Builds an Ollama provider; not thread-safe, and may build several. */
  public static final class Builder extends HttpProviderBuilder<Builder> {
    private Integer contextLength;
    private Duration keepAlive;
    private Boolean think;
    private final Map<String, JsonNode> options = new LinkedHashMap<>();

    Builder(URI baseUri, String model) {
      super("ollama", baseUri, model, "");
    }

    /**
     * Sends {@code options.num_ctx = tokens} with every chat request instead of sizing it per
     * request.
     *
     * @throws IllegalArgumentException if {@code tokens} is not positive
     */
    public Builder contextLength(int tokens) {
      Checks.positive(tokens, "tokens");
      this.contextLength = tokens;
      return this;
    }

    /**
     * How long Ollama keeps the model loaded after a request ({@code keep_alive}); zero unloads it
     * at once, a negative duration keeps it loaded. Default: the server's (5 minutes).
     *
     * @throws NullPointerException if {@code duration} is null
     */
    public Builder keepAlive(Duration duration) {
      this.keepAlive = Checks.notNull(duration, "duration");
      return this;
    }

    /**
     * Asks a thinking model to think before it answers, or not ({@code think}); default: the
     * model's. The thinking itself is not part of the answer's text.
     */
    public Builder think(boolean enabled) {
      this.think = enabled;
      return this;
    }

    /**
     * Sends {@code options.name = value} with every chat request (see Ollama's Modelfile
     * parameters, such as {@code top_k}, {@code seed} or {@code num_gpu}); a second value for the
     * same name replaces the first. {@code num_ctx} given here replaces the sizing per request.
     *
     * @param value a string, number or boolean, or a list of them
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank or {@code num_predict} (the router
     *     sets it: it is the completion cap), or {@code value} is not one of the kinds above
     */
    public Builder option(String name, Object value) {
      Checks.notBlank(name, "name");
      Checks.notNull(value, "value");
      Checks.argument(
          !name.equals("num_predict"),
          "num_predict is the request's completion cap: set maxTokens on the request instead");
      options.put(name, OllamaOptionValue.of(name, value));
      return this;
    }

    @Override
    Builder self() {
      return this;
    }

    @Override
    public LlmProvider build() {
      return new OllamaClient(
          settings(),
          new OllamaOptions(
              contextLength == null ? OptionalInt.empty() : OptionalInt.of(contextLength),
              Optional.ofNullable(keepAlive),
              Optional.ofNullable(think),
              options));
    }
  }
}
