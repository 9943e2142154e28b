package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNull;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-shot cancellation signal shared between whoever runs a call and the tool that runs.
 * Thread-safe. Callbacks registered with {@link #onCancel} run once, on the thread that calls
 * {@link #cancel()} (or at once if already cancelled); a callback that throws is logged and the
 * others still run.
 */
public final class Cancellation {
  private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);

  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final CopyOnWriteArrayList<Runnable> callbacks = new CopyOnWriteArrayList<>();

  /** A registration that can be undone. */
  public interface Subscription extends AutoCloseable {
    /** Removes the callback; does nothing if it already ran. */
    @Override
    void close();
  }

  /** Creates a signal that is not cancelled. */
  public Cancellation() {}

  /** Cancels; runs every registered callback once. Later calls do nothing. */
  public void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      callbacks.forEach(Cancellation::runQuietly);
      callbacks.clear();
    }
  }

  /** Returns whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled.get();
  }

  /**
   * Runs {@code callback} on cancellation (at once if already cancelled).
   *
   * @throws NullPointerException if {@code callback} is null
   */
  public Subscription onCancel(Runnable callback) {
    notNull(callback, "callback");
    callbacks.add(callback);
    if (cancelled.get() && callbacks.remove(callback)) {
      runQuietly(callback);
    }
    return () -> callbacks.remove(callback);
  }

  private static void runQuietly(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOG.warn("cancellation callback failed", e);
    }
  }
}
