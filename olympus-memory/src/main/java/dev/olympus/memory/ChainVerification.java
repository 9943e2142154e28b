package dev.olympus.memory;

/**
 * The outcome of {@link EventLog#verify()}: the chain is intact, or the first broken link.
 * Immutable.
 */
public sealed interface ChainVerification {

  /** Returns true if every link checked out. */
  boolean intact();

  /**
   * Every link checked out.
   *
   * @param eventsChecked how many events were checked
   * @param head the head that was checked
   */
  record Intact(long eventsChecked, ChainHead head) implements ChainVerification {
    @Override
    public boolean intact() {
      return true;
    }
  }

  /**
   * The first broken link.
   *
   * @param seq where the chain breaks: the first row that does not check out (a changed row, or the
   *     row after deleted or moved ones), or the head's sequence number when the break is at the
   *     head (events missing at the end, a head that is not the last event, a wrong signature) or
   *     the head is gone (the chain row was deleted: then the largest sequence number left)
   * @param problem what did not match
   */
  record Broken(long seq, String problem) implements ChainVerification {
    @Override
    public boolean intact() {
      return false;
    }
  }
}
