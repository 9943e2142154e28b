package dev.olympus.memory;

import java.util.List;

/**
 * Turns texts into embedding vectors for retrieval. The host writes it as a lambda around its
 * model, or passes the LLM router.
 *
 * <pre>{@code
 * Embedder embedder = texts -> ollama.embed("nomic-embed-text", texts);
 * MemoryStore memory = SqliteMemoryStore.builder().path(file).embedder(embedder).build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe. An exception thrown by {@link #embed(List)} propagates to
 * the caller of {@code ingest} or {@code search}, and nothing is written.
 */
@FunctionalInterface
public interface Embedder {

  /**
   * Returns one vector per text, in order, all of the same length.
   *
   * @param texts at least one text
   */
  List<float[]> embed(List<String> texts);

  /**
   * The length of the vectors, or 0 if not known in advance (the store then takes it from the first
   * vector it sees).
   */
  default int dimensions() {
    return 0;
  }
}
