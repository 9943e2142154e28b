package dev.olympus.executor;

import dev.olympus.memory.CheckpointStore;
import dev.olympus.memory.Counters;
import dev.olympus.memory.DocumentStore;
import dev.olympus.memory.EntityGraph;
import dev.olympus.memory.EventLog;
import dev.olympus.memory.FactStore;
import dev.olympus.memory.ForgetReport;
import dev.olympus.memory.Lease;
import dev.olympus.memory.Leases;
import dev.olympus.memory.MemoryCache;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.PruneReport;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real store whose checkpoint updates pass through a hook first: to count, slow down, hold or
 * fail them. Everything else goes straight to the store.
 */
final class HookedStore implements MemoryStore {
  private final AtomicInteger updates = new AtomicInteger();
  private final MemoryStore store;
  private final CheckpointStore checkpoints;
  private volatile Consumer<PlanState> hook;

  HookedStore(MemoryStore store, Consumer<PlanState> hook) {
    this.store = store;
    this.hook = hook;
    CheckpointStore real = store.checkpoints();
    this.checkpoints =
        new CheckpointStore() {
          @Override
          public void save(PlanSnapshot snapshot) {
            real.save(snapshot);
          }

          @Override
          public void update(
              String planId,
              PlanState state,
              Map<String, StepStatus> changed,
              List<PlanEvent> events,
              Instant updatedAt) {
            updates.incrementAndGet();
            HookedStore.this.hook.accept(state);
            real.update(planId, state, changed, events, updatedAt);
          }

          @Override
          public void update(
              Lease fence,
              String planId,
              PlanState state,
              Map<String, StepStatus> changed,
              List<PlanEvent> events,
              Instant updatedAt) {
            updates.incrementAndGet();
            HookedStore.this.hook.accept(state);
            real.update(fence, planId, state, changed, events, updatedAt);
          }

          @Override
          public Optional<PlanSnapshot> load(String planId) {
            return real.load(planId);
          }

          @Override
          public List<PlanSnapshot> byState(Set<PlanState> states) {
            return real.byState(states);
          }

          @Override
          public boolean delete(String planId) {
            return real.delete(planId);
          }
        };
  }

  /** Each update sleeps {@code millis} first. */
  static HookedStore slowed(MemoryStore store, long millis) {
    return new HookedStore(store, state -> sleep(millis));
  }

  /** Replaces the hook. */
  void hook(Consumer<PlanState> hook) {
    this.hook = hook;
  }

  /** How many updates were asked for. */
  int updates() {
    return updates.get();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public EventLog events() {
    return store.events();
  }

  @Override
  public CheckpointStore checkpoints() {
    return checkpoints;
  }

  @Override
  public MemoryCache cache() {
    return store.cache();
  }

  @Override
  public FactStore facts() {
    return store.facts();
  }

  @Override
  public EntityGraph graph() {
    return store.graph();
  }

  @Override
  public DocumentStore documents() {
    return store.documents();
  }

  @Override
  public Counters counters() {
    return store.counters();
  }

  @Override
  public Leases leases() {
    return store.leases();
  }

  @Override
  public ForgetReport forget(String subject) {
    return store.forget(subject);
  }

  @Override
  public PruneReport prune(Instant now) {
    return store.prune(now);
  }

  @Override
  public void close() {
    store.close();
  }
}
