package dev.olympus.llm;

import dev.olympus.llm.internal.OllamaClient;
import dev.olympus.llm.spi.LlmProvider;
import java.net.URI;

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
 *     .build();
 * }</pre>
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
    Builder(URI baseUri, String model) {
      super("ollama", baseUri, model, "");
    }

    @Override
    Builder self() {
      return this;
    }

    @Override
    public LlmProvider build() {
      return new OllamaClient(settings());
    }
  }
}
