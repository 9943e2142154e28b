package dev.olympus.testing;

import dev.olympus.testing.internal.OpenAiWire;
import dev.olympus.testing.internal.Outcome;
import java.net.URI;
import java.util.List;

/**
 * A fake OpenAI-compatible server: {@code POST /v1/chat/completions} (a {@code chat.completion}, or
 * server-sent {@code chat.completion.chunk} events ending in {@code data: [DONE]} when {@code
 * stream} is true), {@code POST /v1/embeddings} and {@code GET /v1/models}. It accepts any model
 * and any API key (the {@code Authorization} header is recorded).
 *
 * <pre>{@code
 * try (FakeOpenAi openAi = FakeOpenAi.start()) {
 *   openAi.enqueue(FakeReply.text("Bonjour").withUsage(20, 30));
 *   LlmProvider provider = OpenAiCompatibleProvider.of(openAi.v1(), "sk-test", "gpt-4o-mini");
 *   assertEquals("Bonjour", provider.chat(ChatRequest.of("Hello")).text());
 *   assertEquals("Bearer sk-test", openAi.requests().get(0).header("Authorization").orElseThrow());
 * }
 * }</pre>
 *
 * <p>Thread-safe; see {@link FakeModelServer} for the queue and the recording.
 */
public final class FakeOpenAi extends FakeModelServer {
  private FakeOpenAi() {
    super(new OpenAiWire(), "/v1/chat/completions");
    route("/v1/chat/completions", this::chat);
    route("/v1/embeddings", this::embed);
    route("/v1/models", request -> Outcome.of(OpenAiWire.models(List.of("gpt-4o-mini"))));
  }

  /** Starts a fake OpenAI-compatible server with nothing queued. */
  public static FakeOpenAi start() {
    return new FakeOpenAi();
  }

  /** The base address of the API, {@link #uri()} followed by {@code /v1}. */
  public URI v1() {
    return uri().resolve("/v1");
  }
}
