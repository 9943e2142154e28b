package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.internal.route.DefaultLlmRouter;
import dev.olympus.llm.internal.route.HealthRules;
import dev.olympus.llm.internal.route.Resilience;
import dev.olympus.llm.internal.route.RouterConfig;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.llm.spi.ResponseStore;
import dev.olympus.llm.spi.SpendLedger;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.Money;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
  static Builder builder() {
    return new Builder();
  }

  /**
   * Sends {@code request} and waits for the whole answer.
   *
   * @throws NullPointerException if {@code request} is null
   * @throws BudgetExceededException if a budget refused the call
   * @throws UnavailableException if every provider was skipped or failed
   * @throws CancelledException if the calling thread was interrupted
   */
  ChatResponse chat(ChatRequest request);

  /**
   * Sends {@code request} and passes the answer's text to {@code listener} as it arrives; returns
   * the whole answer at the end. A cached answer arrives as one piece.
   *
   * @throws NullPointerException if an argument is null
   * @throws BudgetExceededException if a budget refused the call
   * @throws UnavailableException if every provider was skipped or failed
   * @throws StreamBrokenException if the stream broke after text was delivered (then it is not
   *     retried elsewhere)
   * @throws CancelledException if the calling thread was interrupted
   */
  ChatResponse stream(ChatRequest request, StreamListener listener);

  /**
   * Like {@link #stream(ChatRequest, StreamListener)}, stopping when {@code cancellation} fires:
   * the answer so far comes back with {@link FinishReason#CANCELLED}, charged by estimate.
   *
   * @throws NullPointerException if an argument is null
   * @throws BudgetExceededException if a budget refused the call
   * @throws UnavailableException if every provider was skipped or failed
   * @throws StreamBrokenException if the stream broke after text was delivered
   * @throws CancelledException if the calling thread was interrupted
   */
  ChatResponse stream(ChatRequest request, StreamListener listener, Cancellation cancellation);

  /**
   * Embeds {@code texts} with the first provider that supports embeddings; one vector per text, in
   * order.
   *
   * @throws NullPointerException if {@code texts} is null or holds a null
   * @throws IllegalArgumentException if {@code texts} is empty
   * @throws BudgetExceededException if the daily budget refused the call
   * @throws UnavailableException if no provider that embeds answered
   * @throws CancelledException if the calling thread was interrupted
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
   * A stable hash of this router's configuration (16 hex digits): its providers in order (name,
   * model, capabilities, prices, local or paid) and its routing, budget, cache, retry,
   * circuit-breaker and health settings. Routers built from the same configuration have the same
   * hash, in any process; changing any of these changes it. Listeners, clocks, spend ledgers and
   * response stores are not part of it. Every log line written during a call carries it in the MDC
   * as {@code llmConfig}, so a line tells which configuration produced it.
   */
  String configHash();

  /**
   * Asks each provider whether it can take calls now (for Ollama: is the server up and the model
   * pulled); returns the providers that cannot, and why. Empty when all are ready.
   */
  List<ProviderSkip> checkProviders();

  /**
   * Builds an {@link LlmRouter}: providers in routing order (local first), budget, cache, retries,
   * circuit breakers, listener. Providers are added; for every other option the last call wins. Not
   * thread-safe; {@link #build()} copies everything, so a builder can build several routers.
   */
  final class Builder {
    private final List<RouterConfig.Provider> providers = new ArrayList<>();
    private Boolean cloudFallback;
    private Money dailyBudget;
    private SpendLedger ledger;
    private Duration cacheTtl;
    private Long cacheMaxEntries;
    private Resilience resilience = Resilience.DEFAULTS;
    private Duration maxRetryAfter;
    private Integer defaultMaxTokens;
    private Boolean toolGrounding;
    private RouterListener listener;
    private Clock clock;
    private ResponseStore responseStore;
    private HealthRules health;

    Builder() {}

    /**
     * Adds a provider that runs on the user's machine: free in dollars (its tokens still count
     * against plan and step budgets) and always allowed. Tried in the order added, before
     * fallbacks.
     *
     * @throws NullPointerException if {@code provider} is null
     */
    public Builder local(LlmProvider provider) {
      providers.add(
          new RouterConfig.Provider(Checks.notNull(provider, "provider"), Pricing.FREE, true));
      return this;
    }

    /**
     * Adds a paid (cloud) provider at {@code pricing}, tried after the local ones, and only when
     * {@link #cloudFallback(boolean) cloud fallback} is enabled and the daily budget allows.
     *
     * @throws NullPointerException if an argument is null
     */
    public Builder fallback(LlmProvider provider, Pricing pricing) {
      Checks.notNull(provider, "provider");
      providers.add(new RouterConfig.Provider(provider, Checks.notNull(pricing, "pricing"), false));
      return this;
    }

    /**
     * Allows paid providers; off by default, and then they are listed as skipped. Enabling it
     * requires a {@link #dailyBudget(Money) daily budget}.
     */
    public Builder cloudFallback(boolean enabled) {
      this.cloudFallback = enabled;
      return this;
    }

    /**
     * The most paid providers may cost per UTC day; reserved before each call, charged after.
     *
     * @throws NullPointerException if {@code limit} is null
     */
    public Builder dailyBudget(Money limit) {
      this.dailyBudget = Checks.notNull(limit, "limit");
      return this;
    }

    /**
     * Where daily spending is kept and reserved; default {@link SpendLedger#inMemory()}. Routers
     * that share a ledger share one daily ceiling ({@code Olympus.routerBuilder(memory)} in
     * olympus-executor sets one in a memory store's SQLite file).
     *
     * @throws NullPointerException if {@code ledger} is null
     */
    public Builder spendLedger(SpendLedger ledger) {
      this.ledger = Checks.notNull(ledger, "ledger");
      return this;
    }

    /**
     * How long cached answers to deterministic requests live; default 1 hour.
     *
     * @throws NullPointerException if {@code ttl} is null
     * @throws IllegalArgumentException if {@code ttl} is not positive
     */
    public Builder cacheTtl(Duration ttl) {
      Checks.notNull(ttl, "ttl");
      Checks.argument(!ttl.isNegative() && !ttl.isZero(), "ttl must be > 0 but was " + ttl);
      this.cacheTtl = ttl;
      return this;
    }

    /**
     * How many answers the in-process cache holds; default 10,000.
     *
     * @throws IllegalArgumentException if {@code entries} is not positive
     */
    public Builder cacheMaxEntries(long entries) {
      Checks.positive(entries, "entries");
      this.cacheMaxEntries = entries;
      return this;
    }

    /**
     * Retries rate-limited and transient failures up to {@code maxRetries} times per provider, with
     * exponential backoff from {@code baseDelay} to {@code maxDelay} and 25% jitter (a {@code
     * Retry-After} replaces the backoff); default 2 retries from 200 ms to 5 s.
     *
     * @throws NullPointerException if a delay is null
     * @throws IllegalArgumentException if {@code maxRetries} is negative or the delays are not
     *     positive and increasing
     */
    public Builder retries(int maxRetries, Duration baseDelay, Duration maxDelay) {
      Resilience r = resilience;
      resilience =
          new Resilience(
              maxRetries,
              baseDelay,
              maxDelay,
              r.maxRetryAfter(),
              r.breakerFailures(),
              r.breakerDelay());
      return this;
    }

    /**
     * The longest {@code Retry-After} the router waits out within a call; a longer one moves on to
     * the next provider at once. Default 10 seconds.
     *
     * @throws NullPointerException if {@code wait} is null
     * @throws IllegalArgumentException if {@code wait} is negative
     */
    public Builder maxRetryAfter(Duration wait) {
      Checks.notNull(wait, "wait");
      Checks.argument(!wait.isNegative(), "wait must be >= 0 but was " + wait);
      this.maxRetryAfter = wait;
      return this;
    }

    /**
     * Opens a provider's circuit after {@code failures} consecutive rate-limited or transient
     * failures and lets a trial call through after {@code openDelay}; default 5 and 30 seconds.
     *
     * @throws NullPointerException if {@code openDelay} is null
     * @throws IllegalArgumentException if a value is not positive
     */
    public Builder circuitBreaker(int failures, Duration openDelay) {
      Resilience r = resilience;
      resilience =
          new Resilience(
              r.maxRetries(), r.baseDelay(), r.maxDelay(), r.maxRetryAfter(), failures, openDelay);
      return this;
    }

    /**
     * The completion cap for requests that set none; default 1,024. Always sent, so that a paid
     * call's reservation bounds its cost.
     *
     * @throws IllegalArgumentException if {@code maxTokens} is not positive
     */
    public Builder defaultMaxTokens(int maxTokens) {
      Checks.positive(maxTokens, "maxTokens");
      this.defaultMaxTokens = maxTokens;
      return this;
    }

    /**
     * Whether to also describe the request's tools at the start of the system prompt; default on.
     */
    public Builder toolGrounding(boolean enabled) {
      this.toolGrounding = enabled;
      return this;
    }

    /**
     * Receives metrics events; default {@link RouterListener#NONE}.
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(RouterListener listener) {
      this.listener = Checks.notNull(listener, "listener");
      return this;
    }

    /**
     * The clock for budget days (UTC) and cache expiry; default the system clock. For tests.
     *
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull(clock, "clock");
      return this;
    }

    /**
     * Also keeps cached answers in {@code store}, so that they survive restarts; default: only in
     * the process.
     *
     * @throws NullPointerException if {@code store} is null
     */
    public Builder responseStore(ResponseStore store) {
      this.responseStore = Checks.notNull(store, "store");
      return this;
    }

    /**
     * Prefers healthy providers: one whose calls in the last {@code window} (at least 5 of them,
     * its last 200 at most) failed more often than {@code maxErrorRate}, or took longer than {@code
     * maxP95} at the 95th percentile, or whose circuit is open, is tried after the healthy ones;
     * within each group the order stays the host's (local first), and paid providers still need
     * cloud fallback and budget. Latency is measured on the router's {@link #clock(Clock) clock},
     * so the choice is the same for the same calls at the same times. Each {@link
     * CallEvent#routing()} says why its provider answered. Default: off, the host's order only.
     *
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException if a duration is not positive or {@code maxErrorRate} is not
     *     within 0 and 1
     */
    public Builder preferHealthy(Duration window, double maxErrorRate, Duration maxP95) {
      HealthRules rules = new HealthRules(window, maxErrorRate, maxP95, 5);
      this.health = rules;
      return this;
    }

    /**
     * Builds the router.
     *
     * @throws IllegalStateException if there is no provider, two providers share a name, or cloud
     *     fallback is enabled without a daily budget
     */
    public LlmRouter build() {
      Checks.state(
          !providers.isEmpty(), "add at least one provider with local(...) or fallback(...)");
      Set<String> names = new HashSet<>();
      for (RouterConfig.Provider p : providers) {
        Checks.state(
            names.add(p.provider().name()), "two providers are named " + p.provider().name());
      }
      boolean cloud = cloudFallback != null && cloudFallback;
      Checks.state(
          !cloud || dailyBudget != null, "cloudFallback(true) requires a dailyBudget(...)");
      return new DefaultLlmRouter(config(cloud));
    }

    private RouterConfig config(boolean cloud) {
      Resilience r = resilience;
      if (maxRetryAfter != null) {
        r =
            new Resilience(
                r.maxRetries(),
                r.baseDelay(),
                r.maxDelay(),
                maxRetryAfter,
                r.breakerFailures(),
                r.breakerDelay());
      }
      return new RouterConfig(
          providers,
          cloud,
          dailyBudget == null ? Money.ZERO : dailyBudget,
          ledger == null ? SpendLedger.inMemory() : ledger,
          cacheTtl == null ? Duration.ofHours(1) : cacheTtl,
          cacheMaxEntries == null ? 10_000 : cacheMaxEntries,
          r,
          defaultMaxTokens == null ? 1_024 : defaultMaxTokens,
          toolGrounding == null || toolGrounding,
          listener == null ? RouterListener.NONE : listener,
          clock == null ? Clock.systemUTC() : clock,
          Optional.ofNullable(health),
          Optional.ofNullable(responseStore));
    }
  }
}
