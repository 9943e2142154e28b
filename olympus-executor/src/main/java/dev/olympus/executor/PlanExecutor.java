package dev.olympus.executor;

import dev.olympus.plan.Plan;
import java.util.List;
import java.util.Optional;

/**
 * Runs plans durably: steps run in parallel where the DAG allows, each after consent, schema
 * validation and a budget check, with retries, deadlines and a circuit breaker per tool. Every
 * state change is checkpointed in the {@code MemoryStore}, atomically with its audit events, before
 * any action that depends on it: a step is durably RUNNING before its tool is invoked, and its
 * outcome is durable before a dependent's tool is invoked or {@code await()} returns (transitions
 * of concurrent steps share one transaction). So a plan survives a crash, and {@link
 * #resume(String)} continues it without repeating a side effect.
 *
 * <pre>{@code
 * PlanRun run = olympus.executor().submit(plan);
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
   * @throws IllegalStateException if a plan with the same id was already submitted or the executor
   *     is closed
   */
  PlanRun submit(Plan plan);

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
