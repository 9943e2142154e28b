package dev.olympus.executor;

/**
 * Thrown when a plan or chat session is held by another live executor (another process, or another
 * {@link Olympus} on the same store): only one may run it at a time. Try again once that owner has
 * closed, or once its lease has lapsed (it crashed).
 */
public final class OwnedElsewhereException extends ExecutorException {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final String owner;

  /** Creates the exception for plan or session {@code id}, held by {@code owner}. */
  public OwnedElsewhereException(String id, String owner) {
    super("'" + id + "' is being run by another executor (" + owner + ")", null);
    this.id = id;
    this.owner = owner;
  }

  /** The plan or session id. */
  public String id() {
    return id;
  }

  /** The owner id of the executor that holds it. */
  public String owner() {
    return owner;
  }
}
