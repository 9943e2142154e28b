package dev.olympus.plan;

/**
 * Thrown when JSON cannot be read as a plan, snapshot or event: it is malformed, a field has the
 * wrong type, a required field is missing, a field is unknown, or the schema version is not
 * supported. {@link #path()} names where, as a JSON path such as {@code $.steps[2].uses}.
 */
public final class PlanFormatException extends PlanException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /** Creates an exception for the value at {@code path}. */
  public PlanFormatException(String path, String message) {
    this(path, message, null);
  }

  /** Creates an exception for the value at {@code path}, caused by {@code cause} (may be null). */
  public PlanFormatException(String path, String message, Throwable cause) {
    super(path + ": " + message, cause);
    this.path = path;
  }

  /** Where the problem is, as a JSON path ({@code $} is the document root). */
  public String path() {
    return path;
  }
}
