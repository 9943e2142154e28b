package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNull;

/**
 * Thrown when a {@link DocumentLoader} refuses a document: too large (in bytes, pages, inflated
 * streams, text or extraction time), malformed, encrypted, unreadable or of an unsupported format,
 * or when the loader itself fails. The message names the document and the problem; {@link
 * #toolId()} is {@code doc.read}, the tool that loads documents, also when a host uses the loader
 * directly. Not retryable. Immutable.
 */
public final class DocumentException extends ToolException {
  private static final long serialVersionUID = 1L;

  /** What was wrong with the document. */
  public enum Problem {
    /** The file, its page count or its extracted text exceeds a limit. */
    TOO_LARGE,
    /** The content is not what its format promises (a broken PDF, text that is not UTF-8). */
    MALFORMED,
    /** The PDF is encrypted and cannot be read without a password. */
    ENCRYPTED,
    /** The file could not be read (missing, not readable, an I/O error); the cause says how. */
    UNREADABLE,
    /** No loader reads documents with this name's extension. */
    UNSUPPORTED_FORMAT,
    /**
     * The loader failed in a way it does not name (a bug, or a library missing at run time); the
     * cause says how.
     */
    LOADER_FAILED
  }

  /** The {@link #toolId()} of every document refusal. */
  public static final String TOOL_ID = "doc.read";

  private final String document;
  private final Problem problem;
  private final String detail;

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
    super(TOOL_ID, "'" + notNull(document, "document") + "': " + notNull(detail, "detail"), cause);
    this.document = document;
    this.problem = notNull(problem, "problem");
    this.detail = detail;
  }

  /** Returns the name of the refused document. */
  public String document() {
    return document;
  }

  /** Returns what was wrong with it. */
  public Problem problem() {
    return problem;
  }

  /** Returns the account of the problem, without the document's name. */
  public String detail() {
    return detail;
  }
}
