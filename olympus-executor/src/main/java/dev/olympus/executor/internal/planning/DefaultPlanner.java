package dev.olympus.executor.internal.planning;

import dev.olympus.executor.ModelNotConfiguredException;
import dev.olympus.executor.Planner;
import dev.olympus.executor.PlanningContext;
import dev.olympus.executor.PlanningResult;
import dev.olympus.executor.PlanningTranscript;
import dev.olympus.executor.internal.Checks;
import dev.olympus.llm.LlmRouter;
import dev.olympus.tools.ToolRegistry;
import java.util.Optional;

/** The {@link Planner}: shared, immutable settings; each call runs a {@link PlanningSession}. */
public final class DefaultPlanner implements Planner {
  static final int DEFAULT_MAX_REFINEMENTS = 3;
  private static final int MAX_REFINEMENTS_LIMIT = 20;

  private final LlmRouter router;
  private final StructuredAsk ask;
  private final ToolRegistry tools;
  private final DraftValidator validator;
  private final Refractory refractory;
  private final PlanningJournal journal;
  private final int maxRefinements;

  public DefaultPlanner(
      LlmRouter router, ToolRegistry tools, Refractory refractory, PlanningJournal journal) {
    this(
        router,
        router == null ? null : new StructuredAsk(router),
        tools,
        new DraftValidator(tools),
        refractory,
        journal,
        DEFAULT_MAX_REFINEMENTS);
  }

  private DefaultPlanner(
      LlmRouter router,
      StructuredAsk ask,
      ToolRegistry tools,
      DraftValidator validator,
      Refractory refractory,
      PlanningJournal journal,
      int maxRefinements) {
    this.router = router;
    this.ask = ask;
    this.tools = tools;
    this.validator = validator;
    this.refractory = refractory;
    this.journal = journal;
    this.maxRefinements = maxRefinements;
  }

  @Override
  public PlanningResult plan(String goal, PlanningContext context) {
    Checks.notBlank(goal, "goal");
    Checks.notNull(context, "context");
    if (router == null) {
      throw new ModelNotConfiguredException("planning");
    }
    return new PlanningSession(this, goal, context).run();
  }

  @Override
  public Optional<PlanningTranscript> transcript(String sessionId) {
    return journal.load(Checks.notNull(sessionId, "sessionId"));
  }

  @Override
  public int maxRefinements() {
    return maxRefinements;
  }

  @Override
  public Planner withMaxRefinements(int maxRefinements) {
    Checks.argument(
        maxRefinements >= 0 && maxRefinements <= MAX_REFINEMENTS_LIMIT,
        "maxRefinements must be between 0 and "
            + MAX_REFINEMENTS_LIMIT
            + " but was "
            + maxRefinements);
    return new DefaultPlanner(router, ask, tools, validator, refractory, journal, maxRefinements);
  }

  StructuredAsk ask() {
    return ask;
  }

  ToolRegistry tools() {
    return tools;
  }

  DraftValidator validator() {
    return validator;
  }

  Refractory refractory() {
    return refractory;
  }

  PlanningJournal journal() {
    return journal;
  }
}
