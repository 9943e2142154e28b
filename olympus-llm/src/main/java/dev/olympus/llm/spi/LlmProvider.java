package dev.olympus.llm.spi;

import dev.olympus.llm.CancelledException;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.HardException;
import dev.olympus.llm.LlmException;
import dev.olympus.llm.RateLimitedException;
import dev.olympus.llm.StreamListener;
import dev.olympus.llm.TransientException;
import dev.olympus.plan.Cancellation;
import java.util.List;
import java.util.Set;

/**
 * A model server the router can send calls to. The SDK ships {@link dev.olympus.llm.OllamaProvider}
 * and {@link dev.olympus.llm.OpenAiCompatibleProvider}; a host may add its own.
 *
 * <pre>{@code
 * LlmRouter router = LlmRouter.builder().local(new MyProvider()).build();
 * }</pre>
 *
 * <p>A provider makes one attempt per call: the router retries, breaks circuits, checks budgets and
 * caches around it. It reports every failure as one of the {@link LlmException} kinds, so the
 * router knows whether to retry (rate limited, transient) or not (hard). Implementations must be
 * thread-safe.
 */
public interface LlmProvider {
  /** A short name that is unique within a router, such as {@code ollama/llama3.2}. */
  String name();

  /** The model this provider calls. */
  String model();

  /** What this provider supports; the router only sends it calls it can serve. */
  Set<Capability> capabilities();

  /**
   * Sends {@code request} and waits for the whole answer.
   *
   * @param request the call; its {@code maxTokens} is always set by the router
   * @return the answer
   * @throws RateLimitedException if the server answered 429 (with its {@code Retry-After})
   * @throws TransientException if the server failed in a way a retry may fix (5xx, dropped
   *     connection, timeout)
   * @throws HardException if the server refused the call or answered something malformed
   * @throws CancelledException if the calling thread was interrupted
   */
  ProviderReply chat(ChatRequest request);

  /**
   * Sends {@code request} and passes the answer's text to {@code listener} as it arrives. When
   * {@code cancellation} fires, stops reading and returns what arrived with {@link
   * dev.olympus.llm.FinishReason#CANCELLED}. The default calls {@link #chat} and delivers the whole
   * text at once.
   *
   * @param request the call
   * @param listener receives the text; if it throws, the exception propagates unchanged
   * @param cancellation stops the stream
   * @return the whole answer
   * @throws RateLimitedException if the server answered 429 (with its {@code Retry-After})
   * @throws TransientException if the server failed in a way a retry may fix (5xx, dropped
   *     connection, timeout)
   * @throws HardException if the server refused the call or answered something malformed
   * @throws CancelledException if the calling thread was interrupted
   */
  default ProviderReply stream(
      ChatRequest request, StreamListener listener, Cancellation cancellation) {
    ProviderReply reply = chat(request);
    if (!reply.text().isEmpty()) {
      listener.onToken(reply.text());
    }
    return reply;
  }

  /**
   * Checks that the provider can take calls now: the server answers and the model is there. The
   * default does nothing. Ollama asks {@code /api/tags} whether the model is pulled.
   *
   * @throws HardException if the provider is not ready (such as a model that is not pulled), saying
   *     why and what to do
   * @throws TransientException if the server could not be reached
   */
  default void checkReady() {}

  /**
   * Embeds {@code texts}. The default throws: override it and declare {@link
   * Capability#EMBEDDINGS}.
   *
   * @param texts the texts, at least one
   * @return one vector per text
   * @throws RateLimitedException if the server answered 429 (with its {@code Retry-After})
   * @throws TransientException if the server failed in a way a retry may fix (5xx, dropped
   *     connection, timeout)
   * @throws HardException if the server refused the call or answered something malformed
   * @throws CancelledException if the calling thread was interrupted
   */
  default EmbeddingReply embed(List<String> texts) {
    throw new HardException(name(), 0, name() + " does not support embeddings", null);
  }
}
