package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import dev.olympus.plan.PlanEvent;

/**
 * An event as the log stores it: its position and its link in the hash chain. Immutable.
 *
 * @param seq the sequence number, from 1, without gaps
 * @param event the event; a redacted one has kind {@link #REDACTED} and plan id {@code memory}
 * @param hash this link: SHA-256 over the previous hash, the sequence number, the timestamp and the
 *     payload hash
 * @param prevHash the previous link (64 zeros for the first event)
 */
public record StoredEvent(long seq, PlanEvent event, String hash, String prevHash) {

  /** The kind of an event whose payload was erased by {@link MemoryStore#forget(String)}. */
  public static final String REDACTED = "memory.redacted";

  /** The kind of the tombstone event that {@link MemoryStore#forget(String)} appends. */
  public static final String FORGET = "memory.forget";

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code seq} is not positive
   */
  public StoredEvent {
    Checks.positive(seq, "seq");
    Checks.notNull(event, "event");
    Checks.notNull(hash, "hash");
    Checks.notNull(prevHash, "prevHash");
  }

  /** Returns true if the payload of this event was erased by {@code forget}. */
  public boolean redacted() {
    return REDACTED.equals(event.kind());
  }
}
