package dev.olympus.plan.internal;

import static dev.olympus.plan.PlanState.CANCELLED;
import static dev.olympus.plan.PlanState.DRAFT;
import static dev.olympus.plan.PlanState.PAUSED;
import static dev.olympus.plan.PlanState.QUEUED;
import static dev.olympus.plan.StepState.BLOCKED;
import static dev.olympus.plan.StepState.DONE;
import static dev.olympus.plan.StepState.FAILED;
import static dev.olympus.plan.StepState.PENDING;
import static dev.olympus.plan.StepState.RUNNING;
import static dev.olympus.plan.StepState.SKIPPED;

import dev.olympus.plan.IllegalTransitionException;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The one transition table for steps and the one for plans. Immutable and thread-safe. */
public final class TransitionTable<S extends Enum<S>> {
  /** Legal step transitions. */
  public static final TransitionTable<StepState> STEPS =
      new TransitionTable<StepState>(StepState.class)
          .allow(PENDING, List.of(RUNNING, BLOCKED, SKIPPED))
          .allow(RUNNING, List.of(DONE, FAILED, BLOCKED, SKIPPED, PENDING))
          .allow(BLOCKED, List.of(PENDING, SKIPPED, DONE))
          .allow(FAILED, List.of(PENDING));

  /** Legal plan transitions. */
  public static final TransitionTable<PlanState> PLANS =
      new TransitionTable<PlanState>(PlanState.class)
          .allow(DRAFT, List.of(QUEUED, CANCELLED))
          .allow(QUEUED, List.of(PlanState.RUNNING, CANCELLED))
          .allow(PlanState.RUNNING, List.of(PAUSED, PlanState.DONE, PlanState.FAILED, CANCELLED))
          .allow(PAUSED, List.of(PlanState.RUNNING, PlanState.FAILED, CANCELLED));

  private final Class<S> type;
  private final Map<S, Set<S>> moves;

  private TransitionTable(Class<S> type) {
    this.type = type;
    this.moves = new EnumMap<>(type);
  }

  private TransitionTable<S> allow(S from, List<S> targets) {
    Set<S> set = EnumSet.noneOf(type);
    set.addAll(targets);
    moves.put(from, set);
    return this;
  }

  /** Returns true if {@code from → to} is legal. */
  public boolean allows(S from, S to) {
    return moves.getOrDefault(from, Set.of()).contains(to);
  }

  /** Returns true if nothing leaves {@code state}. */
  public boolean isTerminal(S state) {
    return moves.getOrDefault(state, Set.of()).isEmpty();
  }

  /**
   * Returns {@code to} if the move is legal.
   *
   * @throws IllegalTransitionException otherwise, naming both states
   */
  public S check(S from, S to) {
    if (!allows(Checks.notNull(from, "from"), Checks.notNull(to, "to"))) {
      throw new IllegalTransitionException(from, to);
    }
    return to;
  }
}
