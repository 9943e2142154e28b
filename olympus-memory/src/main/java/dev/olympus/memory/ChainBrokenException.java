package dev.olympus.memory;

/**
 * The event chain's end does not check out, so nothing was appended: signing a new head over a
 * forged one would hide the forgery. Raised when the chain row is missing, when the last event does
 * not link to the one before it, when the head is not the last event, or (with an HMAC key) when
 * the head's signature does not match. A broken chain stays broken; {@link EventLog#verify()}
 * reports where it breaks.
 */
public final class ChainBrokenException extends MemoryException {
  private static final long serialVersionUID = 1L;

  /** The sequence number where the chain breaks, as in {@link ChainVerification.Broken#seq()}. */
  private final long seq;

  /** What did not match. */
  private final String problem;

  /** Creates the exception for a chain broken at {@code seq} because of {@code problem}. */
  public ChainBrokenException(long seq, String problem) {
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
