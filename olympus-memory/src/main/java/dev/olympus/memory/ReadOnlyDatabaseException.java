package dev.olympus.memory;

/** The database file or its folder cannot be written. */
public final class ReadOnlyDatabaseException extends MemoryException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the file. */
  public ReadOnlyDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
