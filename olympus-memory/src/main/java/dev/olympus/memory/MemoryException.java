package dev.olympus.memory;

/**
 * A problem with the memory store or with what was asked of it. The subclasses name the kind of
 * problem; the message names what was wrong (the parameter, the file, the version).
 */
public abstract sealed class MemoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MemoryException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A blank id, an oversized value, a NaN in a vector, a bad batch: nothing was written. */
  public static final class InvalidInput extends MemoryException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the problem. */
    public InvalidInput(String message) {
      super(message, null);
    }
  }

  /** A vector whose length differs from the store's embedding dimension. */
  public static final class DimensionMismatch extends MemoryException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for a vector of {@code actual} dimensions where {@code expected}. */
    public DimensionMismatch(String what, int expected, int actual) {
      super(what + " has " + actual + " dimensions but the store uses " + expected, null);
    }
  }

  /** The database was written by a newer version of this library than the one running. */
  public static final class SchemaTooNew extends MemoryException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a database at {@code found} when this library knows {@code known}.
     */
    public SchemaTooNew(String file, int found, int known) {
      super(
          "database "
              + file
              + " has schema version "
              + found
              + " but this olympus-memory knows only up to "
              + known
              + "; upgrade olympus-memory (the file was left untouched)",
          null);
    }
  }

  /** The file is not a SQLite database, or it is damaged. */
  public static final class Corrupt extends MemoryException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the file. */
    public Corrupt(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The database file or its folder cannot be written. */
  public static final class ReadOnly extends MemoryException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the file. */
    public ReadOnly(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * A write fenced with a lease was refused because another owner has claimed the resource since:
   * the writer no longer owns it and must stop. Nothing was written.
   */
  public static final class LeaseLost extends MemoryException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for {@code resource}, whose lease {@code token} is no longer current.
     */
    public LeaseLost(String resource, String owner, long token) {
      super(
          "lease "
              + token
              + " of "
              + owner
              + " on "
              + resource
              + " is no longer current: another owner has claimed it",
          null);
    }
  }

  /**
   * The event chain's end does not check out, so nothing was appended: signing a new head over a
   * forged one would hide the forgery. Raised when the chain row is missing, when the last event
   * does not link to the one before it, when the head is not the last event, or (with an HMAC key)
   * when the head's signature does not match. A broken chain stays broken; {@link
   * EventLog#verify()} reports where it breaks.
   */
  public static final class ChainBroken extends MemoryException {
    private static final long serialVersionUID = 1L;

    /** The sequence number where the chain breaks, as in {@link ChainVerification.Broken#seq()}. */
    private final long seq;

    /** What did not match. */
    private final String problem;

    /** Creates the exception for a chain broken at {@code seq} because of {@code problem}. */
    public ChainBroken(long seq, String problem) {
      super(
          "the event chain is broken at event "
              + seq
              + ": "
              + problem
              + "; nothing was appended (EventLog.verify() reports the break)",
          null);
      this.seq = seq;
      this.problem = problem;
    }

    /** The sequence number where the chain breaks, as in {@link ChainVerification.Broken#seq()}. */
    public long seq() {
      return seq;
    }

    /** What did not match. */
    public String problem() {
      return problem;
    }
  }

  /** The store has been closed. */
  public static final class Closed extends MemoryException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public Closed() {
      super("the memory store is closed", null);
    }
  }

  /** Any other storage failure (I/O error, disk full, a lock held too long by another process). */
  public static final class Storage extends MemoryException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message saying what was being done. */
    public Storage(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
