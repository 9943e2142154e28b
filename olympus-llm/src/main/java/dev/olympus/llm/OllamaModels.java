package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.internal.http.OllamaAdmin;
import dev.olympus.plan.Cancellation;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The models of a local Ollama server: what is installed ({@code /api/tags}), what a model can do
 * ({@code /api/show}), pulling one with progress ({@code /api/pull}, streamed) and deleting one
 * ({@code /api/delete}).
 *
 * <pre>{@code
 * OllamaModels models = OllamaModels.at(URI.create("http://127.0.0.1:11434"));
 * Installed qwen = models.pull("qwen2.5:7b", Optional.of(expectedDigest),
 *     progress -> ui.show(progress.status(), progress.fraction()), cancellation);
 * }</pre>
 *
 * <p>Thread-safe. Every failure is an {@link LlmException}: {@link HardException} when the server
 * refused (an unknown model, a digest that does not match), {@link TransientException} when it
 * could not be reached or dropped the connection, {@link CancelledException} when the caller
 * cancelled or was interrupted.
 */
public interface OllamaModels {
  /**
   * The models of the server at {@code baseUri}; each call may take up to 2 minutes to start
   * answering, and a pull may pause up to that long between progress lines.
   *
   * @throws NullPointerException if {@code baseUri} is null
   * @throws IllegalArgumentException if the address is not http(s)
   */
  static OllamaModels at(URI baseUri) {
    return at(baseUri, Duration.ofMinutes(2));
  }

  /**
   * Like {@link #at(URI)}, waiting at most {@code timeout} for an answer or between progress lines.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the address is not http(s) or {@code timeout} is not
   *     positive
   */
  static OllamaModels at(URI baseUri, Duration timeout) {
    Checks.notNull(timeout, "timeout");
    return new OllamaAdmin(
        OllamaProvider.builder(baseUri, "-")
            .name("ollama-models")
            .requestTimeout(timeout)
            .settings());
  }

  /**
   * The installed models, as the server lists them.
   *
   * @throws LlmException if the server could not be asked
   */
  List<Installed> list();

  /**
   * The installed model called {@code model} ({@code llama3.2} also finds {@code llama3.2:latest}),
   * if there is one.
   *
   * @throws NullPointerException if {@code model} is null
   * @throws LlmException if the server could not be asked
   */
  Optional<Installed> find(String model);

  /**
   * What {@code model} is: its context length and capabilities.
   *
   * @throws NullPointerException if {@code model} is null
   * @throws HardException if the model is not installed (status 404)
   * @throws LlmException if the server could not be asked
   */
  Details show(String model);

  /**
   * Downloads {@code model}, passing each progress line to {@code progress}, and returns it as
   * installed. When {@code expectedDigest} is given (with or without the {@code sha256:} prefix),
   * the installed model's digest must equal it. Cancelling stops the download (Ollama resumes it
   * where it stopped on the next pull).
   *
   * @throws NullPointerException if an argument is null
   * @throws HardException if the server refused the pull, reported an error in the stream, or the
   *     installed model is missing or has another digest than expected
   * @throws TransientException if the connection dropped before the pull finished
   * @throws CancelledException if {@code cancellation} fired or the thread was interrupted
   */
  Installed pull(
      String model,
      Optional<String> expectedDigest,
      Consumer<PullProgress> progress,
      Cancellation cancellation);

  /**
   * Deletes {@code model}; false if it was not installed.
   *
   * @throws NullPointerException if {@code model} is null
   * @throws LlmException if the server could not be asked or refused
   */
  boolean delete(String model);

  /**
   * An installed model.
   *
   * @param name its name with tag, such as {@code llama3.2:latest}
   * @param sizeBytes its size on disk
   * @param digest its manifest's SHA-256 digest, in hex
   * @param family its family, such as {@code llama}; empty if not reported
   * @param parameterSize its parameter count as reported, such as {@code 8.0B}; empty if not
   * @param quantization its quantization, such as {@code Q4_K_M}; empty if not reported
   */
  record Installed(
      String name,
      long sizeBytes,
      String digest,
      String family,
      String parameterSize,
      String quantization) {}

  /**
   * What a model is.
   *
   * @param contextLength the longest context it was trained for, if reported
   * @param capabilities what it can do, such as {@code completion}, {@code tools}, {@code vision},
   *     {@code thinking}, {@code embedding}; empty if the server does not report it
   * @param family its family; empty if not reported
   * @param quantization its quantization; empty if not reported
   */
  record Details(
      OptionalInt contextLength, Set<String> capabilities, String family, String quantization) {
    /**
     * Copies the capabilities.
     *
     * @throws NullPointerException if a field is null
     */
    public Details {
      capabilities = Set.copyOf(capabilities);
    }

    /** Whether the model reports {@code capability}. */
    public boolean can(String capability) {
      return capabilities.contains(capability);
    }
  }

  /**
   * One progress line of a pull.
   *
   * @param status what the server is doing, such as {@code pulling manifest} or {@code success}
   * @param digest the layer being downloaded; empty between layers
   * @param totalBytes the layer's size; 0 if not known yet
   * @param completedBytes how much of the layer is downloaded; 0 if not known yet
   */
  record PullProgress(String status, String digest, long totalBytes, long completedBytes) {
    /** The layer's downloaded fraction from 0 to 1; 0 when its size is not known. */
    public double fraction() {
      return totalBytes <= 0 ? 0 : Math.min(1.0, (double) completedBytes / totalBytes);
    }
  }
}
