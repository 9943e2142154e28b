package dev.olympus.memory;

/**
 * Any other storage failure: an I/O error, a full disk, a lock held too long by another process, a
 * database that cannot be reached. The transaction was rolled back.
 */
public final class StorageException extends MemoryException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message saying what was being done. */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
