package dev.olympus.memory;

/** The file is not a SQLite database, or it is damaged. */
public final class CorruptDatabaseException extends MemoryException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the file. */
  public CorruptDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
