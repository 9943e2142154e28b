package dev.olympus.executor;

import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs plans durably: steps run in parallel where the DAG allows, each after consent, schema
 * validation and a budget check, with retries, deadlines and a circuit breaker per tool. Every
 * state change is checkpointed in the {@code MemoryStore}, atomically with its audit events, and in
 * the order it happened:
 *
 * <ul>
 *   <li>a step whose tool has a {@code SIDE_EFFECT} is durably RUNNING, together with every change
 *       before it (the outcomes its inputs came from), before its tool is invoked, and its outcome
 *       is durable before any step after it starts;
 *   <li>the changes of read-only and idempotent steps are committed behind them, in batches, by one
 *       journal thread, without holding up the steps. A crash before that commit leaves such a step
 *       PENDING or RUNNING, and recovery runs it again;
 *   <li>a plan's pause or end, and everything before it, is durable before {@code await()} returns;
 *       listeners only ever hear of committed events.
 * </ul>
 *
 * <p>So a plan survives a crash, and {@link #resume(String)} continues it without repeating a side
 * effect.
 *
 * <pre>{@code
 * PlanRun run = olympus.executor().submit(plan, event -> ui.show(event));
 * PlanResult result = run.await();
 *
 * // after a restart:
 * for (PlanRun resumed : olympus.executor().recoverAll()) { resumed.await(); }
 * }</pre>
 *
 * <p>Thread-safe. Obtained from {@link Olympus#executor()}.
 */
public interface PlanExecutor {

  /**
   * Checkpoints {@code plan} and starts running it.
   *
   * @throws NullPointerException if {@code plan} is null
   * @throws IllegalStateException if a plan with the same id was already submitted, the id is
   *     already in the event log (a chat or planning session's), or the executor is closed
   */
  PlanRun submit(Plan plan);

  /**
   * Like {@link #submit(Plan)}, with {@code listener} added before the plan starts, so it hears
   * every event of the run, from the plan being queued on. ({@link PlanRun#onEvent} added after
   * {@code submit} hears only what is committed after it was added.)
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if a plan with the same id was already submitted, the id is
   *     already in the event log (a chat or planning session's), or the executor is closed
   */
  PlanRun submit(Plan plan, Consumer<PlanEvent> listener);

  /**
   * Continues a persisted plan, typically after a restart. A step found RUNNING is re-run if its
   * tool is read-only or idempotent; otherwise it becomes BLOCKED ("interrupted while running;
   * approve to re-run"). DONE steps are never re-run. If the plan is already being run in this
   * process, returns that run.
   *
   * @throws PlanNotFoundException if no plan with this id was checkpointed
   */
  PlanRun resume(String planId);

  /** Resumes every persisted plan that was QUEUED or RUNNING, e.g. when the process died. */
  List<PlanRun> recoverAll();

  /** The run of {@code planId} in this process, if there is one. */
  Optional<PlanRun> find(String planId);
}
