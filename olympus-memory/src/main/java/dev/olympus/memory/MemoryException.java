package dev.olympus.memory;

/**
 * A problem with the memory store that a host should handle: the root of every exception the store
 * throws besides programming errors. The subclasses name the kind of problem; the message names
 * what was wrong (the parameter, the file, the version).
 *
 * <ul>
 *   <li>{@link LimitExceededException}: an input is larger than the store's {@link MemoryLimits};
 *       nothing was written.
 *   <li>{@link DimensionMismatchException}: a vector's length differs from the store's.
 *   <li>{@link LeaseLostException}: another owner has claimed the resource; stop writing.
 *   <li>{@link ChainBrokenException}: the event chain's end does not check out; nothing appended.
 *   <li>{@link SchemaTooNewException}: a newer library wrote the database.
 *   <li>{@link CorruptDatabaseException}, {@link ReadOnlyDatabaseException}: the file cannot be
 *       used.
 *   <li>{@link StorageException}: any other storage failure (I/O, a lock held too long, a lost
 *       connection).
 * </ul>
 *
 * <p>Programming errors are not among them: a null argument throws {@link NullPointerException}, a
 * blank id or another bad argument {@link IllegalArgumentException}, and a call on a closed store
 * {@link IllegalStateException}. Immutable.
 */
public abstract sealed class MemoryException extends RuntimeException
    permits LimitExceededException,
        DimensionMismatchException,
        LeaseLostException,
        ChainBrokenException,
        SchemaTooNewException,
        CorruptDatabaseException,
        ReadOnlyDatabaseException,
        StorageException {
  private static final long serialVersionUID = 1L;

  MemoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
