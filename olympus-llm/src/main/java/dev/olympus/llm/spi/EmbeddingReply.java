package dev.olympus.llm.spi;

import dev.olympus.llm.Usage;
import dev.olympus.llm.internal.Checks;
import java.util.List;

/**
 * A provider's embeddings: one vector per input text, in input order.
 *
 * <p>Immutable and thread-safe as long as nobody writes into the arrays.
 *
 * @param vectors one vector per input, in order
 * @param promptTokens the input tokens the provider counted
 * @param model the embedding model
 */
public record EmbeddingReply(List<float[]> vectors, long promptTokens, String model) {
  /**
   * Checks the fields and copies the list.
   *
   * @throws NullPointerException if a field is null or {@code vectors} holds a null
   * @throws IllegalArgumentException if {@code promptTokens} is negative
   */
  public EmbeddingReply {
    vectors = List.copyOf(Checks.noNulls(vectors, "vectors"));
    Checks.notNegative(promptTokens, "promptTokens");
    Checks.notNull(model, "model");
  }

  /** The usage of this call: its prompt tokens, no completion. */
  public Usage usage() {
    return new Usage(promptTokens, 0);
  }
}
