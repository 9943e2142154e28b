package dev.olympus.executor.internal.run;

import dev.olympus.memory.Lease;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persists a run in the memory store: the plan's first checkpoint when it is submitted, then each
 * batch of transitions together with its audit events in one transaction ({@link #update}), so the
 * log and the checkpoint never disagree after a crash.
 */
public final class RunJournal {
  private final MemoryStore memory;

  /** Creates a journal over {@code memory}. */
  public RunJournal(MemoryStore memory) {
    this.memory = memory;
  }

  /** Saves a new plan's first checkpoint. */
  public void save(PlanSnapshot snapshot) {
    memory.checkpoints().save(snapshot);
  }

  /**
   * Saves the plan's state and the {@code changed} step statuses and appends {@code events}, in one
   * transaction.
   */
  public void update(
      String planId,
      PlanState state,
      Map<String, StepStatus> changed,
      List<PlanEvent> events,
      Instant at) {
    memory.checkpoints().update(planId, state, changed, events, at);
  }

  /**
   * Like {@link #update}, but only while {@code fence} is still the plan's current lease.
   *
   * @throws dev.olympus.memory.LeaseLostException if another owner has claimed the plan
   */
  public void update(
      Lease fence,
      String planId,
      PlanState state,
      Map<String, StepStatus> changed,
      List<PlanEvent> events,
      Instant at) {
    memory.checkpoints().update(fence, planId, state, changed, events, at);
  }

  /** The plans paused for the host, with the steps that wait for it. */
  public List<PlanSnapshot> paused() {
    return memory.checkpoints().byState(EnumSet.of(PlanState.PAUSED));
  }

  /** Appends one event that changes no state. */
  public void append(PlanEvent event) {
    memory.events().append(event);
  }

  /** The latest checkpoint of {@code planId}. */
  public Optional<PlanSnapshot> load(String planId) {
    return memory.checkpoints().load(planId);
  }

  /**
   * The plans a crash may have interrupted: RUNNING, and DRAFT (a crash right after submit() saved
   * the plan, before it was queued). Not QUEUED: submit() commits QUEUED and RUNNING together, so a
   * QUEUED plan was enqueued, and waits for a worker.
   */
  public List<PlanSnapshot> unfinished() {
    return memory.checkpoints().byState(EnumSet.of(PlanState.DRAFT, PlanState.RUNNING));
  }

  /** Every event of {@code planId}, in order. */
  public List<PlanEvent> events(String planId) {
    return memory.events().byPlan(planId).stream().map(StoredEvent::event).toList();
  }
}
