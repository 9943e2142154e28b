package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.plan.Cancellation;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cancelling a stream, or interrupting a call, ends the exchange itself, also while the server has
 * not sent a byte yet. The server here answers only once the call has returned (or after a minute),
 * so a call that waited for the server's first byte would not return within the 30-second guard.
 */
class CancelBeforeFirstByteTest {
  static Stream<Arguments> providers() {
    Function<URI, LlmProvider> ollama = uri -> OllamaProvider.at(uri, "llama3.2");
    Function<URI, LlmProvider> openAi = uri -> OpenAiCompatibleProvider.of(uri, "", "gpt-4o-mini");
    return Stream.of(
        Arguments.of("/api/chat", ollama, "{\"message\":{\"content\":\"late\"},\"done\":true}"),
        Arguments.of(
            "/v1/chat/completions",
            openAi,
            "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"late\"},\"finish_reason\":\"stop\"}]}"));
  }

  /** A server whose {@code path} answers {@code body} only after {@link #release}. */
  static final class Late implements AutoCloseable {
    final FakeServer server;
    final CountDownLatch arrived = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    Late(String path, String body) throws Exception {
      server = new FakeServer();
      server.on(
          path,
          exchange -> {
            arrived.countDown();
            try {
              release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            FakeServer.send(exchange, 200, body);
          });
    }

    LlmRouter router(Function<URI, LlmProvider> provider) {
      return LlmRouter.builder()
          .local(provider.apply(server.uri()))
          .retries(0, Duration.ofMillis(1), Duration.ofMillis(2))
          .build();
    }

    @Override
    public void close() {
      release.countDown();
      server.close();
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void cancellingAStreamBeforeTheFirstByteReturnsAtOnce(
      String path, Function<URI, LlmProvider> provider, String body) throws Exception {
    try (Late late = new Late(path, body)) {
      Cancellation stop = new Cancellation();
      CompletableFuture<ChatResponse> call =
          CompletableFuture.supplyAsync(
              () -> late.router(provider).stream(ChatRequest.of("hi"), token -> {}, stop));
      assertTrue(late.arrived.await(30, TimeUnit.SECONDS), "the request never arrived");

      stop.cancel();
      ChatResponse response = call.get(30, TimeUnit.SECONDS);

      assertEquals(1, late.release.getCount(), "the server had not answered yet");
      assertEquals(FinishReason.CANCELLED, response.finishReason());
      assertEquals("", response.text());
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void interruptingAChatBeforeTheFirstByteEndsIt(
      String path, Function<URI, LlmProvider> provider, String body) throws Exception {
    interrupting(path, provider, body, router -> router.chat(ChatRequest.of("hi")));
  }

  @ParameterizedTest
  @MethodSource("providers")
  void interruptingAStreamBeforeTheFirstByteEndsIt(
      String path, Function<URI, LlmProvider> provider, String body) throws Exception {
    interrupting(path, provider, body, router -> router.stream(ChatRequest.of("hi"), token -> {}));
  }

  private static void interrupting(
      String path,
      Function<URI, LlmProvider> provider,
      String body,
      Function<LlmRouter, ChatResponse> call)
      throws Exception {
    try (Late late = new Late(path, body)) {
      LlmRouter router = late.router(provider);
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      Thread caller =
          new Thread(
              () -> {
                try {
                  call.apply(router);
                  outcome.complete(null);
                } catch (Throwable e) {
                  outcome.complete(e);
                }
              });
      caller.start();
      assertTrue(late.arrived.await(30, TimeUnit.SECONDS), "the request never arrived");

      caller.interrupt();
      Throwable error = outcome.get(30, TimeUnit.SECONDS);

      assertEquals(1, late.release.getCount(), "the server had not answered yet");
      assertInstanceOf(CancelledException.class, error);
    }
  }
}
