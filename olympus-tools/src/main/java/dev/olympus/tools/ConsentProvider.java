package dev.olympus.tools;

import dev.olympus.tools.internal.Checks;
import dev.olympus.tools.internal.consent.AskingThreads;
import dev.olympus.tools.internal.consent.AsyncProvider;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Asks the user (or a policy) whether a tool call may run; the host's consent UI implements it,
 * usually as a lambda that blocks while the person decides:
 *
 * <pre>{@code
 * ConsentProvider consent = request ->
 *     ui.confirm(request.summary()) ? ConsentDecision.allowOnce() : ConsentDecision.deny("user said no");
 * }</pre>
 *
 * <p>A UI that answers later (from its event thread) gives a provider made by {@link #async}: the
 * question is handed over at once, nothing of the host's blocks while it is open, and the step that
 * asked holds no worker thread while it waits.
 *
 * <pre>{@code
 * ConsentProvider consent = ConsentProvider.async(request -> {
 *   CompletableFuture<ConsentDecision> answer = new CompletableFuture<>();
 *   SwingUtilities.invokeLater(() -> dialogs.show(request, answer::complete));
 *   return answer;
 * });
 * }</pre>
 *
 * <p>Asked by the {@link ConsentGate} (through {@link #ask}) only when no standing or plan grant
 * covers the call. Must be thread-safe if plans run steps in parallel. If it throws or returns null
 * (or its stage completes with null or exceptionally), the call is denied. If the step is
 * cancelled, the plan's deadline passes or the gate's timeout for unanswered questions elapses
 * first, the stage is cancelled (a UI may listen for that to close its dialog) and the answer, if
 * it comes, is ignored.
 */
@FunctionalInterface
public interface ConsentProvider {
  /**
   * Decides on {@code request}; may block while the user decides.
   *
   * @param request what the call will do, with its exact input
   * @return the decision, never null
   */
  ConsentDecision decide(ConsentRequest request);

  /**
   * Starts asking about {@code request} and returns the decision when it is made. By default {@link
   * #decide} runs on a thread of its own (cancelling the stage interrupts it), so it may take as
   * long as the user does. Must return quickly.
   *
   * @param request what the call will do, with its exact input
   * @return the decision, completed when the person has decided
   */
  default CompletionStage<ConsentDecision> ask(ConsentRequest request) {
    return AskingThreads.ask(this, request);
  }

  /**
   * Returns a provider that answers later: {@code ask} hands the question over and returns a stage
   * the host completes when the person has decided, from any thread. Its {@link #decide} waits for
   * that stage.
   *
   * @param ask starts asking; must return quickly and be thread-safe
   * @throws NullPointerException if {@code ask} is null
   */
  static ConsentProvider async(
      Function<? super ConsentRequest, ? extends CompletionStage<ConsentDecision>> ask) {
    return new AsyncProvider(Checks.notNull(ask, "ask"));
  }

  /** Returns the default provider, which denies every request. */
  static ConsentProvider denyAll() {
    return request -> ConsentDecision.deny("no consent provider is configured");
  }
}
