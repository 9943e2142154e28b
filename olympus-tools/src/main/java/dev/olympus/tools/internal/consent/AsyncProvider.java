package dev.olympus.tools.internal.consent;

import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ConsentRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/** A {@link ConsentProvider} that answers later: {@link ConsentProvider#async}. */
public final class AsyncProvider implements ConsentProvider {
  private final Function<? super ConsentRequest, ? extends CompletionStage<ConsentDecision>> ask;

  /** Wraps {@code ask}. */
  public AsyncProvider(
      Function<? super ConsentRequest, ? extends CompletionStage<ConsentDecision>> ask) {
    this.ask = ask;
  }

  @Override
  public CompletionStage<ConsentDecision> ask(ConsentRequest request) {
    return ask.apply(request);
  }

  // A blocking caller waits; if it is interrupted, the question is withdrawn and the call denied.
  @Override
  public ConsentDecision decide(ConsentRequest request) {
    CompletableFuture<ConsentDecision> answer = ask(request).toCompletableFuture();
    try {
      return answer.get();
    } catch (InterruptedException e) {
      answer.cancel(false);
      Thread.currentThread().interrupt();
      return ConsentDecision.deny("interrupted while waiting for the answer");
    } catch (ExecutionException e) {
      throw new CompletionException(e.getCause());
    }
  }
}
