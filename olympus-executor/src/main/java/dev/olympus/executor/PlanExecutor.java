package dev.olympus.executor;

import dev.olympus.plan.Plan;
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
 * <p><b>Several processes.</b> Any number of processes (or {@link Olympus} instances) may share one
 * store file on one machine. Each plan is run by one executor at a time: submitting or resuming a
 * plan claims a lease on it in the store (default 30 s, see {@link Olympus.Builder#leaseDuration}),
 * which the owner renews in the background with one write for all its plans and gives up when the
 * plan ends or the owner closes. Another executor's {@code resume} throws {@link
 * OwnedElsewhereException} and its {@code recoverAll()} passes the plan by until the lease has
 * lapsed (the owner crashed or stalled). Every checkpoint commit is fenced by the lease's token: an
 * owner that stalled past its lease and was replaced fails its next commit, stops the run at once,
 * starts no further step of it, and its {@code await()} throws {@link OwnershipLostException}; a
 * side effect is called only after its RUNNING mark was committed under a current lease, so it is
 * never run by two owners. Leases need the store's file locking to be real: one machine's local
 * disk, not a network file system shared by several machines.
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
   * @throws OwnedElsewhereException if another executor is submitting a plan with the same id
   * @throws dev.olympus.memory.MemoryException if the store cannot be written
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
   * @throws OwnedElsewhereException if another executor is submitting a plan with the same id
   * @throws dev.olympus.memory.MemoryException if the store cannot be written
   */
  PlanRun submit(Plan plan, Consumer<RunEvent> listener);

  /**
   * Puts {@code plan} in the store's work queue for whichever worker (see {@link
   * Olympus.Builder#worker}), in any process on the store, has capacity first; nothing of it runs
   * here unless this instance is a worker. The plan is first checked against this instance's tools
   * (so the enqueuing process registers the same tools as the workers): every step's tool must be
   * registered and its literal inputs must fit the tool's input schema. Then its checkpoint is
   * saved QUEUED, with its {@code plan.state} event, and no process holds it.
   *
   * <p>Follow it with {@code olympus.memory().checkpoints().load(planId)} or {@link #paused()}:
   * once it has ended, {@link #resume(String)} returns a run that reports its result; while a
   * worker runs it, {@code resume} throws {@link OwnedElsewhereException}. If it pauses for the
   * host (its consent was denied, a side effect was interrupted), the worker hands it back and any
   * process may {@code resume} it and approve, reject or complete its steps.
   *
   * @return the plan's id
   * @throws NullPointerException if {@code plan} is null
   * @throws dev.olympus.plan.PlanValidationException listing every step whose tool is not
   *     registered here or whose inputs do not fit its tool; nothing is stored then
   * @throws IllegalStateException if a plan with the same id was already submitted or enqueued, the
   *     id is already in the event log, or the executor is closed
   * @throws OwnedElsewhereException if another executor is submitting a plan with the same id
   * @throws dev.olympus.memory.MemoryException if the store cannot be written; if that happens
   *     after the checkpoint was saved, the plan is left DRAFT, like a submit interrupted by a
   *     crash, and a worker runs it
   */
  String enqueue(Plan plan);

  /**
   * Continues a persisted plan, typically after a restart, after claiming it (see "Several
   * processes" above). A step found RUNNING is re-run if its tool is read-only or idempotent;
   * otherwise it becomes BLOCKED ("interrupted while running; approve to re-run"), for the host to
   * approve, reject or {@link PlanRun#complete complete}. DONE steps are never re-run. If the plan
   * is already being run by this executor, returns that run; a finished plan gives a run that only
   * reports its result.
   *
   * @throws NullPointerException if {@code planId} is null
   * @throws PlanNotFoundException if no plan with this id was checkpointed
   * @throws OwnedElsewhereException if another live executor is running the plan
   * @throws IllegalStateException if the executor is closed
   * @throws dev.olympus.memory.MemoryException if the store cannot be read or written
   */
  PlanRun resume(String planId);

  /**
   * Resumes every persisted plan that was submitted and is still RUNNING (e.g. when the process
   * died) and that no other live executor owns: a plan whose owner is alive is left to it, and a
   * plan whose owner died is taken over once that owner's lease has lapsed. PAUSED plans wait for
   * the host and are listed by {@link #paused()} instead; QUEUED plans ({@linkplain #enqueue
   * enqueued}) wait for a worker (or an explicit {@link #resume(String)}).
   *
   * @throws IllegalStateException if the executor is closed
   * @throws dev.olympus.memory.MemoryException if the store cannot be read or written
   */
  List<PlanRun> recoverAll();

  /**
   * The plans in the store that are PAUSED, waiting for the host, with their BLOCKED steps and why,
   * oldest first, whichever process paused them; resume one with {@link #resume(String)} to
   * approve, reject or complete its steps.
   *
   * @throws dev.olympus.memory.MemoryException if the store cannot be read
   */
  List<PausedPlan> paused();

  /**
   * The run of {@code planId} in this process, if there is one.
   *
   * @throws NullPointerException if {@code planId} is null
   */
  Optional<PlanRun> find(String planId);

  /**
   * The runs of this executor that have not ended (running, paused, or waiting for the host), in
   * the order they were submitted or resumed: a host's task queue.
   */
  List<PlanRun> active();

  /**
   * Adds a listener that hears every committed event of every run this executor submits or resumes
   * from now on (as {@link PlanRun#onEvent} does for one run), e.g. to keep a task queue current.
   * Events are typed ({@link RunEvent}); each wraps the {@link dev.olympus.plan.PlanEvent} the
   * audit log stores. Called as run listeners are; a listener that throws is logged and otherwise
   * ignored.
   *
   * @throws NullPointerException if {@code listener} is null
   */
  void onEvent(Consumer<RunEvent> listener);
}
