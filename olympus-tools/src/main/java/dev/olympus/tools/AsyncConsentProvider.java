package dev.olympus.tools;

import dev.olympus.tools.internal.AskingThreads;
import dev.olympus.tools.internal.Checks;
import java.util.concurrent.CompletionStage;

/**
 * Asks the user whether a tool call may run and answers later, for hosts with a UI: the question is
 * handed over at once and the stage is completed when the person decides, from any thread
 * (typically the UI's event thread). Nothing of the host's blocks while the question is open, and
 * the step that asked holds no worker thread while it waits.
 *
 * <pre>{@code
 * AsyncConsentProvider consent = request -> {
 *   CompletableFuture<ConsentDecision> answer = new CompletableFuture<>();
 *   SwingUtilities.invokeLater(() -> dialogs.show(request, answer::complete));
 *   return answer;
 * };
 * }</pre>
 *
 * <p>{@link #ask} must return quickly and must be thread-safe. A stage completed with null or
 * exceptionally, or an {@code ask} that throws, denies the call. If the step is cancelled, the
 * plan's deadline passes or the gate's timeout for unanswered questions elapses first, the stage is
 * cancelled (a UI may listen for that to close its dialog) and the answer, if it comes, is ignored.
 */
@FunctionalInterface
public interface AsyncConsentProvider {
  /**
   * Starts asking about {@code request}.
   *
   * @param request what the call will do, with its exact input
   * @return the decision, completed when the person has decided
   */
  CompletionStage<ConsentDecision> ask(ConsentRequest request);

  /**
   * Adapts a blocking {@link ConsentProvider}: each question is asked on a thread of its own, so
   * the provider may take as long as the user does.
   *
   * @throws NullPointerException if {@code blocking} is null
   */
  static AsyncConsentProvider of(ConsentProvider blocking) {
    Checks.notNull(blocking, "blocking");
    return request -> AskingThreads.ask(blocking, request);
  }
}
