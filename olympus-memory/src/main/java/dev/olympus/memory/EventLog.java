package dev.olympus.memory;

import dev.olympus.plan.PlanEvent;
import java.util.List;

/**
 * The append-only audit log. Each event is stored as canonical JSON (keys sorted, no whitespace);
 * its {@link StoredEvent#hash()} is {@code SHA-256(prevHash ":" seq ":" epochMillis ":"
 * SHA-256(payload))}, so {@link #verify()} finds any row that was edited, deleted or reordered.
 * With an HMAC key configured, the chain head (and its base) is also signed, so truncating the log
 * or rewriting it to the end is detected too, and appending to a head whose signature or last link
 * does not check out is refused ({@link ChainBrokenException}) rather than signing over it.
 *
 * <p>There is no update or delete. The one exception is {@link MemoryStore#forget(String)}: it
 * redacts the events whose plan id is the subject or whose JSON contains it as a string value. A
 * redacted row keeps its sequence number, timestamp and the stored SHA-256 of its original payload
 * (the chain links are computed from that payload hash, not from the payload), while the payload
 * itself becomes a {@code memory.redacted} marker; {@link #verify()} therefore still passes, and
 * checks everything of a redacted row except the content that was erased. The {@code memory.forget}
 * tombstone lists the redacted sequence numbers, so a row marked redacted by hand is reported as a
 * broken link. Retention may drop the oldest events; the chain then starts at a recorded base link.
 *
 * <pre>{@code
 * StoredEvent stored = memory.events().append(PlanEvent.planState("p1", DRAFT, QUEUED, now));
 * List<StoredEvent> tail = memory.events().since(lastSeen, 100);
 * ChainVerification check = memory.events().verify();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface EventLog {

  /**
   * Appends one event and returns it with its sequence number and hashes.
   *
   * @throws NullPointerException if {@code event} is null
   * @throws IllegalArgumentException if its timestamp is out of range, or its kind is {@link
   *     StoredEvent#FORGET} or {@link StoredEvent#REDACTED} (only the store writes those)
   * @throws LimitExceededException if its JSON exceeds {@link MemoryLimits#maxValueBytes()}
   * @throws ChainBrokenException if the event chain's head does not check out (nothing was
   *     appended)
   */
  StoredEvent append(PlanEvent event);

  /**
   * Appends every event in one transaction, in order: all of them or none.
   *
   * @throws NullPointerException if {@code events} or an element is null
   * @throws IllegalArgumentException if a timestamp is out of range, or an event's kind is {@link
   *     StoredEvent#FORGET} or {@link StoredEvent#REDACTED} (only the store writes those)
   * @throws LimitExceededException if an event is too large or the batch exceeds {@link
   *     MemoryLimits#maxBatchSize()}
   * @throws ChainBrokenException if the event chain's head does not check out (nothing was
   *     appended)
   */
  List<StoredEvent> appendAll(List<PlanEvent> events);

  /**
   * Like {@link #append(PlanEvent)}, but only while {@code fence} is the current lease of its
   * resource, as {@link #appendAll(Lease, List)} checks it.
   *
   * @throws NullPointerException if an argument is null
   * @throws LeaseLostException if the resource has been claimed again since {@code fence}, or
   *     {@code fence} was released (nothing was appended)
   * @throws IllegalArgumentException as {@link #append(PlanEvent)}
   * @throws LimitExceededException as {@link #append(PlanEvent)}
   * @throws ChainBrokenException as {@link #append(PlanEvent)}
   */
  StoredEvent append(Lease fence, PlanEvent event);

  /**
   * Like {@link #appendAll(List)}, but only while {@code fence} is the current lease of its
   * resource: the token is checked inside the same transaction, so a process that lost a resource
   * (a chat session, a plan) to another can never append to the new owner's record of it. A lease
   * that lapsed but that no one has claimed since is still current (its holder may still write and
   * renew it); a released one is not. This is the same check as {@link
   * CheckpointStore#update(Lease, String, dev.olympus.plan.PlanState, java.util.Map, List,
   * java.time.Instant)}.
   *
   * <pre>{@code
   * memory.events().appendAll(lease, List.of(PlanEvent.of(sessionId, "chat.message", now)));
   * }</pre>
   *
   * @throws NullPointerException if an argument is null
   * @throws LeaseLostException if the resource has been claimed again since {@code fence}, or
   *     {@code fence} was released (nothing was appended)
   * @throws IllegalArgumentException as {@link #appendAll(List)}
   * @throws LimitExceededException as {@link #appendAll(List)}
   * @throws ChainBrokenException as {@link #appendAll(List)}
   */
  List<StoredEvent> appendAll(Lease fence, List<PlanEvent> events);

  /**
   * The events of plan {@code planId}, in append order.
   *
   * @throws NullPointerException if {@code planId} is null
   */
  List<StoredEvent> byPlan(String planId);

  /**
   * At most {@code limit} events with a sequence number greater than {@code afterSeq}, in order: a
   * UI's live tail passes the last number it saw.
   *
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  List<StoredEvent> since(long afterSeq, int limit);

  /**
   * The sequence number of the chain head (the latest event), or 0 when the log is empty.
   *
   * @throws ChainBrokenException if the chain row that records the head was deleted
   */
  long lastSeq();

  /**
   * The latest link of the chain, with its HMAC signature when a key is configured.
   *
   * @throws ChainBrokenException if the chain row that records the head was deleted
   */
  ChainHead head();

  /** Walks the whole chain and reports the first broken link, if any. */
  ChainVerification verify();
}
