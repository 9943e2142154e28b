package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.internal.http.OpenAiClient;
import dev.olympus.llm.spi.LlmProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Factories for the provider that talks to the OpenAI chat completions API, or to any server that
 * copies it (llama.cpp server, vLLM, LM Studio): {@code /v1/chat/completions} (streamed as
 * server-sent events) and {@code /v1/embeddings}.
 *
 * <p>The base address is either the server's root ({@code https://api.openai.com}), to which {@code
 * /v1} is added, or the API's base with its own path ({@code https://host/openai/v1}), used as is.
 *
 * <pre>{@code
 * LlmProvider cloud = OpenAiCompatibleProvider.of(
 *     URI.create("https://api.openai.com"), System.getenv("OPENAI_API_KEY"), "gpt-4o-mini");
 * LlmProvider llamaCpp = OpenAiCompatibleProvider.of(URI.create("http://127.0.0.1:8080"), "", "qwen");
 * }</pre>
 *
 * <p>The providers it builds are thread-safe.
 */
public final class OpenAiCompatibleProvider {
  private OpenAiCompatibleProvider() {}

  /**
   * A provider for {@code model} at {@code baseUri}, with default settings.
   *
   * @param apiKey the bearer token; empty for a local server that needs none
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code model} is blank or the address is not http(s)
   */
  public static LlmProvider of(URI baseUri, String apiKey, String model) {
    return builder(baseUri, apiKey, model).build();
  }

  /**
   * A builder for a provider of {@code model} at {@code baseUri}.
   *
   * @param apiKey the bearer token; empty for a local server that needs none
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code model} is blank or the address is not http(s)
   */
  public static Builder builder(URI baseUri, String apiKey, String model) {
    return new Builder(baseUri, apiKey, model);
  }

  /**
   * A builder for a classic Azure OpenAI deployment: requests go to {@code
   * endpoint/openai/deployments/deployment/chat/completions?api-version=apiVersion} with the key in
   * the {@code api-key} header.
   *
   * <pre>{@code
   * LlmProvider azure = OpenAiCompatibleProvider.azure(
   *     URI.create("https://myres.openai.azure.com"), key, "gpt4o-prod", "2024-10-21").build();
   * }</pre>
   *
   * @param endpoint the resource's address, such as {@code https://myres.openai.azure.com}
   * @param deployment the deployment's name, which is also the provider's model
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code deployment} or {@code apiVersion} is blank, or the
   *     address is not http(s)
   */
  public static Builder azure(URI endpoint, String apiKey, String deployment, String apiVersion) {
    Checks.notNull(endpoint, "endpoint");
    Checks.notBlank(deployment, "deployment");
    Checks.notBlank(apiVersion, "apiVersion");
    String root = endpoint.toString().replaceAll("/+$", "");
    URI base =
        URI.create(
            root
                + "/openai/deployments/"
                + URLEncoder.encode(deployment, StandardCharsets.UTF_8).replace("+", "%20"));
    return new Builder(base, apiKey, deployment)
        .keyHeader("api-key")
        .queryParameter("api-version", apiVersion);
  }

  private static URI apiBase(URI baseUri) {
    String path = baseUri.getPath();
    return path == null || path.isEmpty() || path.equals("/") ? baseUri.resolve("/v1") : baseUri;
  }

  /** Builds an OpenAI-compatible provider; not thread-safe, and may build several. */
  public static final class Builder extends HttpProviderBuilder<Builder> {
    private boolean legacyMaxTokens;

    Builder(URI baseUri, String apiKey, String model) {
      super(
          "openai",
          apiBase(java.util.Objects.requireNonNull(baseUri, "baseUri cannot be null")),
          model,
          apiKey);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sends the completion cap as {@code max_tokens}, for servers that only know that field; the
     * default ({@code false}) sends {@code max_completion_tokens}, which OpenAI requires of newer
     * models and which replaced {@code max_tokens}. The router enforces the cap on its side either
     * way.
     */
    public Builder legacyMaxTokens(boolean enabled) {
      this.legacyMaxTokens = enabled;
      return this;
    }

    @Override
    public LlmProvider build() {
      return new OpenAiClient(settings(), legacyMaxTokens);
    }
  }
}
