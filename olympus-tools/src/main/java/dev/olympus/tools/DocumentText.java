package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNull;

import java.util.Locale;
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
    String name, Format format, Optional<String> title, String text, int pages) {
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

  /** The document formats a {@link DocumentLoader} reads, recognized by file name extension. */
  public enum Format {
    /** Portable Document Format ({@code .pdf}), text extracted page by page. */
    PDF,
    /** HTML ({@code .html}, {@code .htm}, {@code .xhtml}): the visible text, one line per block. */
    HTML,
    /** Markdown ({@code .md}, {@code .markdown}), kept as written. */
    MARKDOWN,
    /** Plain UTF-8 text ({@code .txt}, {@code .text}, {@code .csv}, {@code .log}, no extension). */
    TEXT;

    /**
     * Returns the format of a file called {@code name}, judged by its extension, or empty if none
     * of the formats reads it.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public static Optional<Format> ofFileName(String name) {
      String lower = notNull(name, "name").toLowerCase(Locale.ROOT);
      int slash = lower.lastIndexOf('/');
      String base = lower.substring(slash + 1);
      int dot = base.lastIndexOf('.');
      String extension = dot < 0 ? "" : base.substring(dot + 1);
      return switch (extension) {
        case "pdf" -> Optional.of(PDF);
        case "html", "htm", "xhtml" -> Optional.of(HTML);
        case "md", "markdown" -> Optional.of(MARKDOWN);
        case "", "txt", "text", "csv", "log" -> Optional.of(TEXT);
        default -> Optional.empty();
      };
    }
  }
}
