package dev.olympus.llm;

import dev.olympus.plan.Cancellation;
import dev.olympus.plan.Money;
import java.util.List;

/**
 * Sends chat, streaming and embedding calls to language models, local first: providers are tried in
 * order, skipping those whose circuit is open, that lack a needed capability, or that would pass a
 * budget; paid (cloud) providers only when cloud fallback is enabled and the daily budget allows.
 * Rate-limited and transient failures are retried with backoff; deterministic requests are cached.
 *
 * <pre>{@code
 * LlmRouter llm = LlmRouter.builder()
 *     .local(OllamaProvider.at(URI.create("http://127.0.0.1:11434"), "llama3.2"))
 *     .fallback(OpenAiCompatibleProvider.of(openAi, apiKey, "gpt-4o-mini"),
 *               Pricing.perMillionTokens("0.15", "0.60"))
 *     .cloudFallback(true)
 *     .dailyBudget(Money.usd("1.00"))
 *     .build();
 * ChatResponse answer = llm.chat(ChatRequest.of("Say hello"));
 * }</pre>
 *
 * <p>Every failure is an {@link LlmException}: {@link BudgetExceededException} when a budget
 * refused the call (also when a local provider failed first: "today's budget is spent" is {@code
 * scope() == DAILY_USD}), {@link UnavailableException} when every provider was skipped or failed
 * (it lists each and why), {@link StreamBrokenException} when a stream broke after text was
 * delivered (it carries that text), or {@link CancelledException} when the calling thread was
 * interrupted (the router stops at once, keeps the interrupt flag set and releases what it
 * reserved).
 *
 * <p>For vector retrieval in olympus-memory, pass {@code router::embed} as the store's embedder:
 * {@code SqliteMemoryStore.builder().embedder(router::embed)}. Thread-safe; build one and share it.
 */
public interface LlmRouter {
  /** A builder with no providers, cloud fallback off and no daily budget. */
  static LlmRouterBuilder builder() {
    return new LlmRouterBuilder();
  }

  /**
   * Sends {@code request} and waits for the whole answer.
   *
   * @throws NullPointerException if {@code request} is null
   * @throws LlmException if no provider answered or a budget refused
   */
  ChatResponse chat(ChatRequest request);

  /**
   * Sends {@code request} and passes the answer's text to {@code listener} as it arrives; returns
   * the whole answer at the end. A cached answer arrives as one piece.
   *
   * @throws NullPointerException if an argument is null
   * @throws LlmException if no provider answered, a budget refused, or the stream broke after text
   *     was delivered (then it is not retried elsewhere)
   */
  ChatResponse stream(ChatRequest request, StreamListener listener);

  /**
   * Like {@link #stream(ChatRequest, StreamListener)}, stopping when {@code cancellation} fires:
   * the answer so far comes back with {@link FinishReason#CANCELLED}, charged by estimate.
   *
   * @throws NullPointerException if an argument is null
   * @throws LlmException if no provider answered or a budget refused
   */
  ChatResponse stream(ChatRequest request, StreamListener listener, Cancellation cancellation);

  /**
   * Embeds {@code texts} with the first provider that supports embeddings; one vector per text, in
   * order.
   *
   * @throws NullPointerException if {@code texts} is null or holds a null
   * @throws IllegalArgumentException if {@code texts} is empty
   * @throws LlmException if no provider answered or the daily budget refused
   */
  List<float[]> embed(List<String> texts);

  /**
   * What settled calls to paid providers cost today (UTC), as the spend ledger records it: with a
   * ledger shared by several routers or processes, the calls of all of them.
   */
  Money spentToday();

  /**
   * What is left of today's budget for new calls: the ceiling less settled charges and the
   * reservations of calls still running (in every process that shares the ledger).
   */
  Money remainingToday();

  /**
   * The state of the circuit breaker of the provider called {@code provider}.
   *
   * @throws NullPointerException if {@code provider} is null
   * @throws IllegalArgumentException if there is no such provider
   */
  BreakerState breakerState(String provider);

  /**
   * Asks each provider whether it can take calls now (for Ollama: is the server up and the model
   * pulled); returns the providers that cannot, and why. Empty when all are ready.
   */
  List<ProviderSkip> checkProviders();
}
