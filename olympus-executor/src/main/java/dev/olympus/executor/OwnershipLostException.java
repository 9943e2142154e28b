package dev.olympus.executor;

/**
 * Thrown when this executor has lost a plan or chat session to another executor, which claimed it
 * after this one's lease lapsed (this process was stalled, or the store unreachable, for longer
 * than the lease). The run stopped at once: no further step of it starts here and nothing more of
 * it is written here; the new owner continues it from the last checkpoint this process committed.
 * Also thrown by the run of a plan that a worker took from the queue and handed back to the store
 * when it paused for the host (see {@link Olympus.Builder#worker}): any process may now resume it.
 */
public final class OwnershipLostException extends ExecutorException {
  private static final long serialVersionUID = 1L;

  private final String id;

  /** Creates the exception for plan or session {@code id}. */
  public OwnershipLostException(String id, Throwable cause) {
    super("'" + id + "' was claimed by another executor; this one stopped running it", cause);
    this.id = id;
  }

  /** The plan or session id. */
  public String id() {
    return id;
  }
}
