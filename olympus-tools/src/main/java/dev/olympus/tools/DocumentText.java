package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNull;

import java.util.Optional;

/**
 * The text a {@link DocumentLoader} extracted from one document. Immutable.
 *
 * @param name the document's name (a file name or path), as given to the loader
 * @param format the format it was read as
 * @param title the document's title if it declares one (PDF metadata, HTML {@code <title>}, the
 *     first Markdown heading)
 * @param text the extracted text
 * @param pages how many pages a PDF has; 1 for the other formats
 */
public record DocumentText(
    String name, DocumentFormat format, Optional<String> title, String text, int pages) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code pages} is negative
   */
  public DocumentText {
    notNull(name, "name");
    notNull(format, "format");
    notNull(title, "title");
    notNull(text, "text");
    if (pages < 0) {
      throw new IllegalArgumentException("pages must be >= 0 but was " + pages);
    }
  }
}
