package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;

/**
 * Where a retrieved passage comes from, so an answer can quote its source. Immutable.
 *
 * @param sourceId the document's id
 * @param chunkIndex the chunk's position in the document
 * @param start the offset of the chunk's first character in the document
 * @param end the offset just past its last character
 * @param snippet the chunk's text
 */
public record Citation(String sourceId, int chunkIndex, int start, int end, String snippet) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if an argument is null
   */
  public Citation {
    Checks.notNull(sourceId, "sourceId");
    Checks.notNull(snippet, "snippet");
  }
}
