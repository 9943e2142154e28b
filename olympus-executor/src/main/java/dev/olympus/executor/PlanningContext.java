package dev.olympus.executor;

import dev.olympus.executor.internal.Checks;
import dev.olympus.plan.Budget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a {@link Planner} knows besides the goal: the planning session's id (its transcript is
 * stored under it), the most the plan may spend, and notes from the host (facts about the user, the
 * workspace, preferences) that the model should take into account.
 *
 * <pre>{@code
 * PlanningContext context = PlanningContext.newSession()
 *     .withBudget(Budget.ofTokens(20_000).andUsd("0.05"))
 *     .withNote("The workspace holds the user's reports as PDF files under reports/.");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param sessionId the planning session's id: the plan id of the transcript's events
 * @param budget the most the plan may spend; a draft without a budget gets this one, a draft whose
 *     budget exceeds it is refused
 * @param notes what the host wants the model to know, in order
 */
public record PlanningContext(String sessionId, Optional<Budget> budget, List<String> notes) {
  /**
   * Checks and copies the fields.
   *
   * @throws NullPointerException if a field is null or {@code notes} holds a null
   * @throws IllegalArgumentException if {@code sessionId} is blank
   */
  public PlanningContext {
    Checks.notBlank(sessionId, "sessionId");
    Checks.notNull(budget, "budget");
    notes = List.copyOf(Checks.noNulls(notes, "notes"));
  }

  /** A context with a fresh session id ({@code planning-<uuid>}), no budget and no notes. */
  public static PlanningContext newSession() {
    return new PlanningContext("planning-" + UUID.randomUUID(), Optional.empty(), List.of());
  }

  /**
   * This context with another session id.
   *
   * @throws NullPointerException if {@code sessionId} is null
   * @throws IllegalArgumentException if {@code sessionId} is blank
   */
  public PlanningContext withSessionId(String sessionId) {
    return new PlanningContext(sessionId, budget, notes);
  }

  /**
   * This context with a spending limit for the plan.
   *
   * @throws NullPointerException if {@code budget} is null
   */
  public PlanningContext withBudget(Budget budget) {
    return new PlanningContext(sessionId, Optional.of(Checks.notNull(budget, "budget")), notes);
  }

  /**
   * This context with {@code note} added after the others.
   *
   * @throws NullPointerException if {@code note} is null
   * @throws IllegalArgumentException if {@code note} is blank
   */
  public PlanningContext withNote(String note) {
    List<String> more = new ArrayList<>(notes);
    more.add(Checks.notBlank(note, "note"));
    return new PlanningContext(sessionId, budget, more);
  }
}
