package dev.olympus.memory;

/**
 * A vector whose length differs from the store's embedding dimension (a query vector of another
 * model, or an embedder that changed its model). Nothing was written.
 */
public final class DimensionMismatchException extends MemoryException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for a vector of {@code actual} dimensions where {@code expected}. */
  public DimensionMismatchException(String what, int expected, int actual) {
    super(what + " has " + actual + " dimensions but the store uses " + expected, null);
  }
}
