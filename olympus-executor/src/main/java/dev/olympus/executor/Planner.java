package dev.olympus.executor;

import java.util.Optional;

/**
 * Turns a goal into a validated {@link dev.olympus.plan.Plan} with a language model, then has a
 * critic review it and refines it until the critic finds no blocking issue or the depth limit is
 * reached.
 *
 * <pre>{@code
 * PlanningResult planned = olympus.planner().plan("Summarize docs/report.pdf into notes.md",
 *     PlanningContext.newSession().withBudget(Budget.ofTokens(20_000)));
 * if (!planned.blocked()) {
 *   PlanResult result = olympus.executor().submit(planned.plan()).await();
 * }
 * }</pre>
 *
 * <p>One planning runs in rounds. Each round the model writes a draft (in JSON Schema mode when the
 * model supports it, JSON mode otherwise); validation reads it with the plan codec and checks it
 * uses only registered tools, with inputs that match their schemas, within the context's budget,
 * and that it does not repeat an approach that failed before for a similar goal. An input field
 * holding a {@code ${step.field}} reference is skipped by the schema check (its value exists only
 * at run time, when the executor checks the resolved input); the fields beside it are checked, and
 * a required field must still be present. If the draft is invalid, every problem goes back to the
 * model for the next round. A valid draft goes to the critic; blocking issues go back to the model
 * for the next round. At most {@link #maxRefinements()} rounds follow the first.
 *
 * <p>When a plan step later fails for a non-transient reason, the executor records the failed
 * approach in memory; later plannings of a similar goal list it in the prompt as an approach that
 * failed before, and validation refuses a draft that repeats it.
 *
 * <p>Thread-safe: plannings may run concurrently. Obtained from {@link Olympus#planner()}.
 */
public interface Planner {

  /**
   * Plans {@code goal}.
   *
   * @return the last valid draft, the transcript, and whether the depth limit stopped refinement
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code goal} is blank
   * @throws ModelNotConfiguredException if Olympus has no language model
   * @throws PlanningFailedException if no draft was valid within the depth limit
   * @throws dev.olympus.llm.LlmException if the model could not be asked (the transcript so far is
   *     stored)
   */
  PlanningResult plan(String goal, PlanningContext context);

  /**
   * Plans {@code goal} in a new session without budget or notes.
   *
   * @see #plan(String, PlanningContext)
   */
  default PlanningResult plan(String goal) {
    return plan(goal, PlanningContext.newSession());
  }

  /**
   * The transcript stored for planning session {@code sessionId}, if there was one.
   *
   * @throws NullPointerException if {@code sessionId} is null
   */
  Optional<PlanningTranscript> transcript(String sessionId);

  /** How many rounds may follow the first draft (default 3). */
  int maxRefinements();

  /**
   * A planner like this one that allows {@code maxRefinements} rounds after the first draft.
   *
   * @throws IllegalArgumentException if {@code maxRefinements} is negative or over 20
   */
  Planner withMaxRefinements(int maxRefinements);
}
