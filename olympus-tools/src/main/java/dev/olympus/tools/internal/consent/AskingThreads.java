package dev.olympus.tools.internal.consent;

import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ConsentRequest;
import java.util.concurrent.CompletableFuture;

/** Asks a blocking {@link ConsentProvider} on a daemon thread of its own per question. */
public final class AskingThreads {
  private AskingThreads() {}

  /**
   * The provider's answer, when it comes; cancelling the future interrupts the asking thread. An
   * Error in the host's callback completes the future exceptionally rather than hanging the step.
   */
  public static CompletableFuture<ConsentDecision> ask(
      ConsentProvider provider, ConsentRequest request) {
    CompletableFuture<ConsentDecision> answer = new CompletableFuture<>();
    Thread asker =
        new Thread(
            () -> {
              try {
                answer.complete(provider.decide(request));
              } catch (Throwable t) {
                answer.completeExceptionally(t);
              }
            },
            "olympus-consent-" + request.stepId());
    asker.setDaemon(true);
    answer.whenComplete(
        (decision, error) -> {
          if (answer.isCancelled()) {
            asker.interrupt();
          }
        });
    asker.start();
    return answer;
  }
}
