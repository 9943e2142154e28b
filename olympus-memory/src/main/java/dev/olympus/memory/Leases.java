package dev.olympus.memory;

import dev.olympus.plan.PlanState;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Time-limited, fenced ownership of named resources, shared by every process that opens the same
 * store: at most one owner holds a live lease on a resource at a time. An executor claims each plan
 * it runs ({@code "plan/" + planId}) and each chat session it serves, renews all its leases in the
 * background, and releases them when it closes; another process may claim a resource only once its
 * lease has expired or been released. Expiry is judged by the store's clock.
 *
 * <pre>{@code
 * Optional<Lease> lease = memory.leases().claim("plan/" + planId, ownerId, Duration.ofSeconds(30));
 * if (lease.isEmpty()) { ... another live process runs this plan ... }
 * }</pre>
 *
 * <p>Thread-safe; every method is one transaction.
 */
public interface Leases {

  /**
   * Claims {@code resource} for {@code owner} until now + {@code ttl}, atomically: succeeds when no
   * one holds it, when the holder's lease has expired or was released, or when {@code owner}
   * already holds it. Every successful claim gets a token larger than any earlier claim of the
   * resource, which fences out writes made under older leases.
   *
   * @return the new lease, or empty when another owner holds a live lease
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code resource} or {@code owner} is blank or {@code ttl}
   *     is not positive
   * @throws LimitExceededException if {@code resource} or {@code owner} is longer than the store's
   *     id limit ({@link MemoryLimits#maxIdLength()})
   */
  Optional<Lease> claim(String resource, String owner, Duration ttl);

  /**
   * Claims for {@code owner} the free plan that has waited longest: among the saved checkpoints
   * whose state is in {@code states}, the one updated longest ago whose lease ({@code "plan/" +
   * planId}) was never claimed, was released, or has lapsed. Choosing and claiming are one write
   * transaction, so callers in any number of threads and processes never get the same plan; the
   * lease is what {@link #claim} would have returned for it (a token larger than any earlier claim,
   * expiring at now + {@code ttl}). This is how executors share a work queue: one saves a plan, and
   * whichever polls first with capacity runs it; a plan whose owner died is taken over once its
   * lease lapses.
   *
   * <pre>{@code
   * Optional<Lease> next = memory.leases()
   *     .claimNextPlan(EnumSet.of(PlanState.QUEUED, PlanState.RUNNING), ownerId, ttl);
   * next.ifPresent(lease -> run(lease.resource().substring("plan/".length()), lease));
   * }</pre>
   *
   * @return the new lease on {@code "plan/" + planId}, or empty when no plan in {@code states} is
   *     free
   * @throws NullPointerException if an argument is null or {@code states} contains null
   * @throws IllegalArgumentException if {@code owner} is blank or {@code ttl} is not positive
   * @throws LimitExceededException if {@code owner} is longer than the store's id limit
   */
  Optional<Lease> claimNextPlan(Set<PlanState> states, String owner, Duration ttl);

  /**
   * Extends every lease {@code owner} still holds to now + {@code ttl} (never shortening one), in
   * one transaction, and returns them by resource. A lease that another owner has claimed since is
   * absent from the result: its former holder must stop writing under it. A lease that expired but
   * that no one claimed is renewed with its token unchanged.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code owner} is blank or {@code ttl} is not positive
   * @throws LimitExceededException if {@code owner} is longer than the store's id limit
   */
  Map<String, Lease> renew(String owner, Duration ttl);

  /**
   * Gives up {@code lease} so that another owner may claim the resource at once; does nothing if
   * the resource has been claimed again since.
   *
   * @return true if the lease was current and is now released
   * @throws NullPointerException if {@code lease} is null
   */
  boolean release(Lease lease);

  /**
   * The live lease on {@code resource}, if someone holds one that has not expired.
   *
   * @throws NullPointerException if {@code resource} is null
   */
  Optional<Lease> holder(String resource);
}
