package dev.olympus.memory;

/**
 * An input is larger than one of the store's {@link MemoryLimits} (an id too long, a value or a
 * document too large, a batch with too many items), or a query would have to do more work than the
 * store allows ({@link EntityGraph#paths}); the message names the input and the limit. Nothing was
 * written.
 */
public final class LimitExceededException extends MemoryException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the input and the limit. */
  public LimitExceededException(String message) {
    super(message, null);
  }
}
