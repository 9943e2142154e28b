package dev.olympus.executor.internal.run;

import dev.olympus.executor.internal.Durations;
import dev.olympus.memory.Lease;
import dev.olympus.memory.Leases;
import dev.olympus.plan.PlanState;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this executor instance owns in a store that other processes may share: it claims each plan
 * and chat session before touching it, renews all its leases in one transaction every third of the
 * lease's duration, tells the holder of a lease that another owner claimed, and releases what it
 * still holds when it closes. Thread-safe.
 */
public final class Ownership {
  private static final Logger LOG = LoggerFactory.getLogger(Ownership.class);

  private final Leases leases;
  private final String owner;
  private final Duration ttl;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final ScheduledFuture<?> renewal;

  private record Held(Lease lease, Consumer<Lease> onLost) {}

  /** Starts renewing on {@code timer}; {@link #close()} stops. */
  public Ownership(Leases leases, String owner, Duration ttl, ScheduledExecutorService timer) {
    this.leases = leases;
    this.owner = owner;
    this.ttl = Durations.capped(ttl);
    long period = Math.max(1, this.ttl.toMillis() / 3);
    this.renewal = timer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
  }

  /** The resource name of plan {@code planId}. */
  static String plan(String planId) {
    return "plan/" + planId;
  }

  /** The resource name of chat session {@code sessionId}. */
  public static String chat(String sessionId) {
    return "chat/" + sessionId;
  }

  /**
   * Claims {@code resource} and watches it until {@link #release}: {@code onLost} hears when
   * another owner has claimed it. Empty if another owner holds a live lease on it.
   */
  public Optional<Lease> claim(String resource, Consumer<Lease> onLost) {
    Optional<Lease> lease = leases.claim(resource, owner, ttl);
    if (lease.isEmpty() && takeOverFromDeadProcess(resource)) {
      lease = leases.claim(resource, owner, ttl);
    }
    lease.ifPresent(l -> held.put(resource, new Held(l, onLost)));
    return lease;
  }

  /**
   * Claims the free plan in {@code states} that has waited longest (see {@link
   * Leases#claimNextPlan}) and watches it like {@link #claim}; {@code onLost} hears when another
   * owner has claimed it. Empty if no such plan is free.
   */
  public Optional<Lease> claimNextPlan(Set<PlanState> states, Consumer<Lease> onLost) {
    Optional<Lease> lease = leases.claimNextPlan(states, owner, ttl);
    lease.ifPresent(l -> held.put(l.resource(), new Held(l, onLost)));
    return lease;
  }

  /** The id of the plan whose resource is {@code resource} (see {@link #plan}). */
  static String planId(String resource) {
    return resource.substring("plan/".length());
  }

  // A holder that is a process of this machine (same pid namespace) that no longer exists will
  // never renew: its lease is released now instead of after it lapses, so a restarted host resumes
  // at once. Only default owner ids name their process; the claim after the release stays atomic.
  private boolean takeOverFromDeadProcess(String resource) {
    Optional<Lease> holder = leases.holder(resource);
    if (holder.isEmpty()) {
      return true; // released or lapsed since
    }
    Optional<Long> pid = OwnerIds.localPid(holder.get().owner());
    if (pid.isEmpty() || ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    LOG.info(
        "{} was held by {}, a process that has ended; taking it over",
        resource,
        holder.get().owner());
    leases.release(holder.get());
    return true;
  }

  /** Who holds {@code resource} now, if anyone. */
  public Optional<Lease> holder(String resource) {
    return leases.holder(resource);
  }

  /** Stops watching {@code lease} and gives it up, so another process may continue at once. */
  public void release(Lease lease) {
    held.computeIfPresent(
        lease.resource(), (r, h) -> h.lease().token() == lease.token() ? null : h);
    try {
      leases.release(lease);
    } catch (RuntimeException e) {
      LOG.warn("could not release {}; it lapses in {}", lease.resource(), ttl, e);
    }
  }

  // One transaction for every lease this instance holds, however many plans run.
  private void renew() {
    if (held.isEmpty()) {
      return;
    }
    Map<String, Lease> kept;
    try {
      kept = leases.renew(owner, ttl);
    } catch (RuntimeException e) {
      LOG.warn("could not renew the leases of {}; retrying", owner, e);
      return;
    }
    held.forEach(
        (resource, h) -> {
          Lease now = kept.get(resource);
          if (now == null || now.token() != h.lease().token()) {
            lost(resource, h);
          }
        });
  }

  private void lost(String resource, Held h) {
    if (held.remove(resource, h)) {
      LOG.warn("{} lost {} to another owner", owner, resource);
      h.onLost().accept(h.lease());
    }
  }

  /** Stops renewing and releases every lease still held. */
  public void close() {
    renewal.cancel(false);
    held.values().forEach(h -> release(h.lease()));
  }
}
