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
   * @param seq the sequence number where the chain breaks (the row that was changed, the one after
   *     a deleted or moved row, or the head)
   * @param problem what did not match
   */
  record Broken(long seq, String problem) implements ChainVerification {
    @Override
    public boolean intact() {
      return false;
    }
  }
}
