package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A switch that stops a streaming call: the caller (a UI's stop button, or the stream listener
 * itself) calls {@link #cancel()}, and the stream closes its connection at once and returns the
 * text received so far with {@link FinishReason#CANCELLED}.
 *
 * <pre>{@code
 * Cancellation stop = new Cancellation();
 * stopButton.onClick(stop::cancel);
 * ChatResponse partial = router.stream(request, token -> ui.append(token), stop);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Cancellation {
  private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);

  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final List<Runnable> actions = new CopyOnWriteArrayList<>();

  /** A switch that is not cancelled. */
  public Cancellation() {}

  /** Cancels; the first call runs the registered actions, later calls do nothing. */
  public void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      actions.forEach(Cancellation::runQuietly);
    }
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled.get();
  }

  /**
   * Runs {@code action} when this is cancelled, or now if it already is. An action that throws is
   * logged and does not stop the others. Providers use this to close their connection.
   *
   * @throws NullPointerException if {@code action} is null
   */
  public void onCancel(Runnable action) {
    actions.add(Checks.notNull(action, "action"));
    if (cancelled.get() && actions.remove(action)) {
      runQuietly(action);
    }
  }

  private static void runQuietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("a cancellation action failed", e);
    }
  }
}
