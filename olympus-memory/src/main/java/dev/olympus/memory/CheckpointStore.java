package dev.olympus.memory;

import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plan checkpoints: the latest {@link PlanSnapshot} of each plan (every step's state, attempts,
 * output, error and timestamps), saved atomically so a crash never leaves half a plan.
 *
 * <pre>{@code
 * memory.checkpoints().save(snapshot);
 * for (PlanSnapshot s : memory.checkpoints().byState(Set.of(PlanState.RUNNING, PlanState.PAUSED))) {
 *   executor.resume(s.planId());
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface CheckpointStore {

  /**
   * Saves {@code snapshot}, replacing the previous one of the same plan, in one transaction.
   *
   * @throws NullPointerException if {@code snapshot} is null
   * @throws IllegalArgumentException if the plan id is blank
   * @throws LimitExceededException if the plan id is too long or its JSON exceeds {@link
   *     MemoryLimits#maxValueBytes()}
   */
  void save(PlanSnapshot snapshot);

  /**
   * Records one step of progress of a saved plan in a single transaction: the plan's new {@code
   * state}, the statuses of the {@code changed} steps, and {@code events} appended to the event
   * log. Only the changed rows are written, so the cost does not grow with the plan's size; and
   * because the events and the checkpoint commit together, a crash never leaves one without the
   * other. The {@code updatedAt} a later {@link #load} reports is exact after a change of the
   * plan's state and at most one second behind after step-only updates.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the plan was never saved, a step is unknown, or an event's
   *     kind is {@link StoredEvent#FORGET} or {@link StoredEvent#REDACTED} (only the store writes
   *     those)
   * @throws LimitExceededException if a value exceeds the limits
   * @throws ChainBrokenException if {@code events} is not empty and the event chain's head does not
   *     check out (nothing was written)
   */
  void update(
      String planId,
      PlanState state,
      Map<String, StepStatus> changed,
      List<PlanEvent> events,
      Instant updatedAt);

  /**
   * Like {@link #update(String, PlanState, Map, List, Instant)}, but only while {@code fence} is
   * the current lease of its resource: the token is checked inside the same transaction, so a
   * process that lost its plan to another can never write over the new owner's progress. A lease
   * that lapsed but that no one has claimed since is still current (its holder may still write and
   * renew it).
   *
   * @throws NullPointerException if an argument is null
   * @throws LeaseLostException if the resource has been claimed again since {@code fence} (nothing
   *     was written)
   * @throws IllegalArgumentException as {@link #update(String, PlanState, Map, List, Instant)}
   * @throws LimitExceededException as {@link #update(String, PlanState, Map, List, Instant)}
   * @throws ChainBrokenException as {@link #update(String, PlanState, Map, List, Instant)}
   */
  void update(
      Lease fence,
      String planId,
      PlanState state,
      Map<String, StepStatus> changed,
      List<PlanEvent> events,
      Instant updatedAt);

  /**
   * The latest snapshot of plan {@code planId}, as one committed save or update left it (never
   * parts of two).
   *
   * @throws NullPointerException if {@code planId} is null
   */
  Optional<PlanSnapshot> load(String planId);

  /**
   * The latest snapshots of the plans whose state is in {@code states}, oldest update first.
   *
   * @throws NullPointerException if {@code states} is null
   */
  List<PlanSnapshot> byState(Set<PlanState> states);

  /**
   * Deletes the checkpoint of {@code planId}; returns true if there was one.
   *
   * @throws NullPointerException if {@code planId} is null
   */
  boolean delete(String planId);
}
