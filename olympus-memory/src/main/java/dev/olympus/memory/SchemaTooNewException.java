package dev.olympus.memory;

/** The database was written by a newer version of this library than the one running. */
public final class SchemaTooNewException extends MemoryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a database at {@code found} when this library knows {@code known}.
   */
  public SchemaTooNewException(String database, int found, int known) {
    super(
        "database "
            + database
            + " has schema version "
            + found
            + " but this olympus-memory knows only up to "
            + known
            + "; upgrade olympus-memory (the database was left untouched)",
        null);
  }
}
