package dev.olympus.temporal.internal;

import dev.olympus.executor.RunEvent;
import dev.olympus.memory.EventLog;
import dev.olympus.memory.StoredEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the host's event log for listeners: the workflow's activities write a run's events there,
 * and listeners hear them, typed, once they are committed, one at a time and in log order. Polled
 * by the executor's timer and caught up by {@code await()} before it returns. Thread-safe.
 */
public final class EventTail {
  private static final Logger LOG = LoggerFactory.getLogger(EventTail.class);
  private static final int PAGE = 500;

  private record Listener(Predicate<String> plans, Consumer<RunEvent> consumer, long fromSeq) {}

  private final EventLog log;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private long cursor; // guarded by this

  /** A tail of {@code log} from its current end. */
  public EventTail(EventLog log) {
    this.log = log;
    this.cursor = log.lastSeq();
  }

  /** Adds {@code consumer} for the events of the plans {@code plans} accepts, from now on. */
  public void listen(Predicate<String> plans, Consumer<RunEvent> consumer) {
    listeners.add(new Listener(plans, consumer, log.lastSeq()));
  }

  /** Delivers every event committed so far to the listeners that want it. */
  public synchronized void catchUp() {
    if (listeners.isEmpty()) {
      cursor = log.lastSeq();
      return;
    }
    for (List<StoredEvent> page = log.since(cursor, PAGE);
        !page.isEmpty();
        page = log.since(cursor, PAGE)) {
      page.forEach(this::deliver);
      cursor = page.get(page.size() - 1).seq();
    }
  }

  private void deliver(StoredEvent stored) {
    for (Listener listener : listeners) {
      if (stored.seq() > listener.fromSeq() && listener.plans().test(stored.event().planId())) {
        try {
          listener.consumer().accept(RunEvent.of(stored.event()));
        } catch (RuntimeException e) {
          LOG.warn("a listener of plan {} failed", stored.event().planId(), e);
        }
      }
    }
  }
}
