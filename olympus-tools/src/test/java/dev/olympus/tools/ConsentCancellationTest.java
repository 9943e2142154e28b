package dev.olympus.tools;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.plan.ToolCall;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An unanswered consent prompt never holds up the step's cancellation. */
class ConsentCancellationTest {

  @Test
  void cancellingTheStepEndsAnUnansweredPrompt() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    ConsentGate gate =
        ConsentGate.builder()
            .provider(
                request -> {
                  asked.countDown();
                  try {
                    never.await(); // the user walked away
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return ConsentDecision.allowOnce();
                })
            .build();
    Tool tool =
        Tool.builder("test.write")
            .description("needs consent")
            .scopes("test.write")
            .handler((input, context) -> JsonNodeFactory.instance.objectNode());
    ToolContext context = ToolContext.of("plan", "step", Duration.ofMinutes(5));
    CompletableFuture<ConsentEvent> result =
        CompletableFuture.supplyAsync(
            () ->
                gate.authorize(
                    tool,
                    ToolCall.of("test.write", JsonNodeFactory.instance.objectNode()),
                    context));
    assertTrue(asked.await(30, TimeUnit.SECONDS));
    context.cancellation().cancel();
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof ToolCancelledException, e.getCause()::toString);
  }
}
