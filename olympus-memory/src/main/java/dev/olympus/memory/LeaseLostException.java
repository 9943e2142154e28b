package dev.olympus.memory;

/**
 * A write fenced with a lease was refused because another owner has claimed the resource since: the
 * writer no longer owns it and must stop. Nothing was written.
 */
public final class LeaseLostException extends MemoryException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code resource}, whose lease {@code token} is no longer current. */
  public LeaseLostException(String resource, String owner, long token) {
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
