package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import java.util.Arrays;
import java.util.Map;

/**
 * A document whose vector the host computed, for {@link DocumentStore#ingestEmbedded}: stored as
 * one chunk (the whole text, not split) under the host's own id. Immutable: the vector is copied in
 * and {@link #vector()} returns a copy.
 *
 * @param id the source id, as for {@link DocumentStore#ingest}
 * @param text the text search hits cite
 * @param metadata the entries {@code search} and {@code nearest} filter on
 * @param vector the document's embedding
 */
public record EmbeddedDocument(
    String id, String text, Map<String, String> metadata, float[] vector) {

  /**
   * Copies the metadata and the vector.
   *
   * @throws NullPointerException if an argument, a metadata key or a metadata value is null
   */
  public EmbeddedDocument {
    Checks.notNull(id, "id");
    Checks.notNull(text, "text");
    metadata = Map.copyOf(Checks.notNull(metadata, "metadata"));
    vector = Checks.notNull(vector, "vector").clone();
  }

  /** A copy of the vector. */
  @Override
  public float[] vector() {
    return vector.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EmbeddedDocument d
        && id.equals(d.id)
        && text.equals(d.text)
        && metadata.equals(d.metadata)
        && Arrays.equals(vector, d.vector);
  }

  @Override
  public int hashCode() {
    return ((id.hashCode() * 31 + text.hashCode()) * 31 + metadata.hashCode()) * 31
        + Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "EmbeddedDocument[id="
        + id
        + ", "
        + text.length()
        + " chars, metadata="
        + metadata
        + ", "
        + vector.length
        + " dimensions]";
  }
}
