package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;

/**
 * A piece of a document: {@code text} is {@code document.substring(start, end)}. Immutable.
 *
 * @param index its position among the document's chunks, from 0
 * @param start the offset of its first character in the document
 * @param end the offset just past its last character
 * @param text the text
 */
public record Chunk(int index, int start, int end, String text) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if the offsets do not match the text
   */
  public Chunk {
    Checks.notNegative(index, "index");
    Checks.notNegative(start, "start");
    Checks.notNull(text, "text");
    Checks.argument(end - start == text.length(), "end - start must equal the text length");
  }
}
