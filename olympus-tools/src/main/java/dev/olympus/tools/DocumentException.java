package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNull;

/**
 * Thrown when a {@link DocumentLoader} refuses a document: too large (in bytes, pages, inflated
 * streams, text or extraction time), malformed, encrypted or of an unsupported format, or when the
 * loader itself fails. The message names the document and the problem. Immutable.
 */
public final class DocumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What was wrong with the document. */
  public enum Problem {
    /** The file, its page count or its extracted text exceeds a limit. */
    TOO_LARGE,
    /** The content is not what its format promises (a broken PDF, text that is not UTF-8). */
    MALFORMED,
    /** The PDF is encrypted and cannot be read without a password. */
    ENCRYPTED,
    /** No loader reads documents with this name's extension. */
    UNSUPPORTED_FORMAT,
    /**
     * The loader failed in a way it does not name (a bug, or a library missing at run time); the
     * cause says how.
     */
    LOADER_FAILED
  }

  private final String document;
  private final Problem problem;

  /**
   * Creates the exception.
   *
   * @param document the document's name
   * @param problem what was wrong
   * @param detail a human-readable account of the problem
   * @param cause the underlying failure, or null
   * @throws NullPointerException if {@code document}, {@code problem} or {@code detail} is null
   */
  public DocumentException(String document, Problem problem, String detail, Throwable cause) {
    super("'" + notNull(document, "document") + "': " + notNull(detail, "detail"), cause);
    this.document = document;
    this.problem = notNull(problem, "problem");
  }

  /** Returns the name of the refused document. */
  public String document() {
    return document;
  }

  /** Returns what was wrong with it. */
  public Problem problem() {
    return problem;
  }
}
