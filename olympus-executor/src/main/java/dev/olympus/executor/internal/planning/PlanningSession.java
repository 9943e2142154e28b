package dev.olympus.executor.internal.planning;

import dev.olympus.executor.CritiqueIssue;
import dev.olympus.executor.PlanningContext;
import dev.olympus.executor.PlanningEntry;
import dev.olympus.executor.PlanningFailedException;
import dev.olympus.executor.PlanningResult;
import dev.olympus.executor.PlanningTranscript;
import dev.olympus.executor.internal.Failures;
import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.LlmException;
import dev.olympus.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One planning: draft, validate, critique, refine. The planner's conversation grows by one draft
 * and one answer to it per round, so the model sees its earlier drafts and what was wrong with
 * them; the critic sees only the goal and the draft under review. Every entry is stored as it
 * happens. Not thread-safe: one thread runs one session.
 */
final class PlanningSession {
  private final DefaultPlanner planner;
  private final String goal;
  private final Set<String> keywords;
  private final PlanningContext context;
  private final List<FailedApproach> failed;
  private final List<ChatMessage> conversation = new ArrayList<>();
  private final List<PlanningEntry> entries = new ArrayList<>();
  private final BudgetContext budget;

  PlanningSession(DefaultPlanner planner, String goal, PlanningContext context) {
    this.planner = planner;
    this.goal = goal;
    this.keywords = FailedApproach.keywords(goal);
    this.context = context;
    this.failed = planner.refractory().relevantTo(goal);
    this.budget = BudgetContext.builder(context.sessionId(), "planner").build();
  }

  PlanningResult run() {
    planner.journal().started(context.sessionId(), goal);
    try {
      return refine();
    } catch (LlmException e) {
      planner.journal().failed(context.sessionId(), Failures.describe(e));
      throw e;
    }
  }

  private PlanningResult refine() {
    conversation.add(ChatMessage.system(PlanningPrompts.plannerSystem(planner.tools())));
    conversation.add(ChatMessage.user(PlanningPrompts.goal(goal, context, failed)));
    Plan best = null;
    List<CritiqueIssue> open = List.of();
    int rounds = planner.maxRefinements() + 1;
    for (int round = 1; round <= rounds; round++) {
      String draft = draft(round);
      DraftValidator.Verdict verdict =
          planner.validator().validate(draft, keywords, context.budget(), failed);
      if (!verdict.valid()) {
        record(new PlanningEntry.Problems(round, verdict.problems()));
        conversation.add(ChatMessage.user(PlanningPrompts.fix(verdict.problems())));
        continue;
      }
      best = verdict.plan().get();
      open = critique(round, draft);
      if (open.stream().noneMatch(CritiqueIssue::blocking)) {
        return finish(best, open, false);
      }
      conversation.add(ChatMessage.user(PlanningPrompts.revise(open)));
    }
    if (best == null) {
      String reason = "no valid plan after " + rounds + (rounds == 1 ? " draft" : " drafts");
      planner.journal().failed(context.sessionId(), reason);
      throw new PlanningFailedException(
          reason + " for goal \"" + goal + "\"; see the transcript", transcript());
    }
    return finish(best, open, true);
  }

  private String draft(int round) {
    String answer =
        refusable(
            () ->
                planner
                    .ask()
                    .ask(
                        conversation,
                        "plan",
                        PlanningPrompts.planSchema(planner.tools().ids()),
                        budget));
    record(new PlanningEntry.Draft(round, answer));
    conversation.add(ChatMessage.assistant(answer));
    return answer;
  }

  private List<CritiqueIssue> critique(int round, String draft) {
    List<ChatMessage> messages =
        List.of(
            ChatMessage.system(PlanningPrompts.criticSystem(planner.tools())),
            ChatMessage.user(PlanningPrompts.critique(goal, DraftValidator.unfenced(draft))));
    String answer =
        refusable(
            () ->
                planner.ask().ask(messages, "critique", PlanningPrompts.critiqueSchema(), budget));
    List<CritiqueIssue> issues = CritiqueReader.read(answer);
    record(new PlanningEntry.Critique(round, issues));
    return issues;
  }

  // A refusal is an answer, not a malformed draft: asking again would only repeat it.
  private String refusable(java.util.function.Supplier<String> ask) {
    try {
      return ask.get();
    } catch (StructuredAsk.Refused e) {
      planner.journal().failed(context.sessionId(), e.getMessage());
      throw new PlanningFailedException(
          e.getMessage() + " (goal \"" + goal + "\"); see the transcript", transcript());
    }
  }

  private PlanningResult finish(Plan plan, List<CritiqueIssue> open, boolean limitReached) {
    planner.refractory().rememberGoal(plan, goal);
    planner.journal().finished(context.sessionId(), plan.id(), limitReached);
    return new PlanningResult(plan, transcript(), limitReached, open);
  }

  private void record(PlanningEntry entry) {
    entries.add(entry);
    planner.journal().entry(context.sessionId(), entry);
  }

  private PlanningTranscript transcript() {
    return new PlanningTranscript(context.sessionId(), goal, entries);
  }
}
