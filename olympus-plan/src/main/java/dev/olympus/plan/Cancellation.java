package dev.olympus.plan;

import dev.olympus.plan.internal.Checks;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A one-shot stop signal shared by whoever runs a call (a UI's stop button, an executor cancelling
 * a step) and the code that does the work (a model stream, a tool), which registers what to do on
 * cancellation, such as closing its connection.
 *
 * <pre>{@code
 * Cancellation stop = new Cancellation();
 * stopButton.onClick(stop::cancel);
 * ChatResponse partial = router.stream(request, token -> ui.append(token), stop);
 * }</pre>
 *
 * <p>Thread-safe. Callbacks run once, on the thread that calls {@link #cancel()} (or at once on the
 * registering thread if already cancelled). A callback that throws does not stop the others: every
 * callback runs, then the first failure is rethrown with the later ones {@linkplain
 * Throwable#addSuppressed suppressed}; the cancellation itself has taken effect either way.
 */
public final class Cancellation {
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

  /**
   * Cancels and runs every registered callback once; later calls do nothing.
   *
   * @throws RuntimeException the first exception a callback threw, after all of them ran
   */
  public void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      runAll();
    }
  }

  /** Returns whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled.get();
  }

  /**
   * Runs {@code callback} on cancellation, or at once if already cancelled.
   *
   * @return a subscription whose {@code close()} removes the callback if it has not run
   * @throws NullPointerException if {@code callback} is null
   * @throws RuntimeException what {@code callback} threw, when it ran at once
   */
  public Subscription onCancel(Runnable callback) {
    Checks.notNull(callback, "callback");
    callbacks.add(callback);
    if (cancelled.get() && callbacks.remove(callback)) {
      callback.run();
    }
    return () -> callbacks.remove(callback);
  }

  // Each callback is removed before it runs, so one that onCancel runs at once is not run again.
  private void runAll() {
    RuntimeException first = null;
    for (Runnable callback : callbacks) {
      try {
        if (callbacks.remove(callback)) {
          callback.run();
        }
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
