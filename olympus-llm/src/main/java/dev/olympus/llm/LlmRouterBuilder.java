package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.internal.DefaultLlmRouter;
import dev.olympus.llm.internal.HealthRules;
import dev.olympus.llm.internal.Resilience;
import dev.olympus.llm.internal.RouterConfig;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.llm.spi.ResponseStore;
import dev.olympus.plan.Money;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds an {@link LlmRouter}: providers in routing order (local first), budget, cache, retries,
 * circuit breakers, listener. Options other than providers may be set once; setting one twice is an
 * {@link IllegalStateException} naming the earlier value. Not thread-safe; {@link #build()} copies
 * everything, so a builder can build several routers.
 */
public final class LlmRouterBuilder {
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

  LlmRouterBuilder() {}

  /**
   * Adds a provider that runs on the user's machine: free in dollars (its tokens still count
   * against plan and step budgets) and always allowed. Tried in the order added, before fallbacks.
   *
   * @throws NullPointerException if {@code provider} is null
   */
  public LlmRouterBuilder local(LlmProvider provider) {
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
  public LlmRouterBuilder fallback(LlmProvider provider, Pricing pricing) {
    Checks.notNull(provider, "provider");
    providers.add(new RouterConfig.Provider(provider, Checks.notNull(pricing, "pricing"), false));
    return this;
  }

  /**
   * Allows paid providers; off by default, and then they are listed as skipped. Enabling it
   * requires a {@link #dailyBudget(Money) daily budget}.
   *
   * @throws IllegalStateException if already set
   */
  public LlmRouterBuilder cloudFallback(boolean enabled) {
    this.cloudFallback = once(cloudFallback, "cloudFallback", enabled);
    return this;
  }

  /**
   * The most paid providers may cost per UTC day; reserved before each call, charged after.
   *
   * @throws NullPointerException if {@code limit} is null
   * @throws IllegalStateException if already set
   */
  public LlmRouterBuilder dailyBudget(Money limit) {
    this.dailyBudget = once(dailyBudget, "dailyBudget", Checks.notNull(limit, "limit"));
    return this;
  }

  /**
   * Where daily spending is kept and reserved; default {@link SpendLedger#inMemory()}. Routers that
   * share a ledger share one daily ceiling ({@code Olympus.routerBuilder(memory)} in
   * olympus-executor sets one in a memory store's SQLite file).
   *
   * @throws NullPointerException if {@code ledger} is null
   * @throws IllegalStateException if already set
   */
  public LlmRouterBuilder spendLedger(SpendLedger ledger) {
    this.ledger = once(this.ledger, "spendLedger", Checks.notNull(ledger, "ledger"));
    return this;
  }

  /**
   * How long cached answers to deterministic requests live; default 1 hour.
   *
   * @throws NullPointerException if {@code ttl} is null
   * @throws IllegalArgumentException if {@code ttl} is not positive
   * @throws IllegalStateException if already set
   */
  public LlmRouterBuilder cacheTtl(Duration ttl) {
    Checks.notNull(ttl, "ttl");
    Checks.argument(!ttl.isNegative() && !ttl.isZero(), "ttl must be > 0 but was " + ttl);
    this.cacheTtl = once(cacheTtl, "cacheTtl", ttl);
    return this;
  }

  /**
   * How many answers the in-process cache holds; default 10,000.
   *
   * @throws IllegalArgumentException if {@code entries} is not positive
   * @throws IllegalStateException if already set
   */
  public LlmRouterBuilder cacheMaxEntries(long entries) {
    Checks.positive(entries, "entries");
    this.cacheMaxEntries = once(cacheMaxEntries, "cacheMaxEntries", entries);
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
  public LlmRouterBuilder retries(int maxRetries, Duration baseDelay, Duration maxDelay) {
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
   * @throws IllegalStateException if already set
   */
  public LlmRouterBuilder maxRetryAfter(Duration wait) {
    Checks.notNull(wait, "wait");
    Checks.argument(!wait.isNegative(), "wait must be >= 0 but was " + wait);
    this.maxRetryAfter = once(maxRetryAfter, "maxRetryAfter", wait);
    return this;
  }

  /**
   * Opens a provider's circuit after {@code failures} consecutive rate-limited or transient
   * failures and lets a trial call through after {@code openDelay}; default 5 and 30 seconds.
   *
   * @throws NullPointerException if {@code openDelay} is null
   * @throws IllegalArgumentException if a value is not positive
   */
  public LlmRouterBuilder circuitBreaker(int failures, Duration openDelay) {
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
   * @throws IllegalStateException if already set
   */
  public LlmRouterBuilder defaultMaxTokens(int maxTokens) {
    Checks.positive(maxTokens, "maxTokens");
    this.defaultMaxTokens = once(defaultMaxTokens, "defaultMaxTokens", maxTokens);
    return this;
  }

  /**
   * Whether to also describe the request's tools at the start of the system prompt; default on.
   *
   * @throws IllegalStateException if already set
   */
  public LlmRouterBuilder toolGrounding(boolean enabled) {
    this.toolGrounding = once(toolGrounding, "toolGrounding", enabled);
    return this;
  }

  /**
   * Receives metrics events; default {@link RouterListener#NONE}.
   *
   * @throws NullPointerException if {@code listener} is null
   * @throws IllegalStateException if already set
   */
  public LlmRouterBuilder listener(RouterListener listener) {
    this.listener = once(this.listener, "listener", Checks.notNull(listener, "listener"));
    return this;
  }

  /**
   * The clock for budget days (UTC) and cache expiry; default the system clock. For tests.
   *
   * @throws NullPointerException if {@code clock} is null
   * @throws IllegalStateException if already set
   */
  public LlmRouterBuilder clock(Clock clock) {
    this.clock = once(this.clock, "clock", Checks.notNull(clock, "clock"));
    return this;
  }

  /**
   * Also keeps cached answers in {@code store}, so that they survive restarts; default: only in the
   * process.
   *
   * @throws NullPointerException if {@code store} is null
   * @throws IllegalStateException if already set
   */
  public LlmRouterBuilder responseStore(ResponseStore store) {
    this.responseStore = once(responseStore, "responseStore", Checks.notNull(store, "store"));
    return this;
  }

  /**
   * Prefers healthy providers: one whose calls in the last {@code window} (at least 5 of them)
   * failed more often than {@code maxErrorRate}, or took longer than {@code maxP95} at the 95th
   * percentile, or whose circuit is open, is tried after the healthy ones; within each group the
   * order stays the host's (local first), and paid providers still need cloud fallback and budget.
   * Latency is measured on the router's {@link #clock(Clock) clock}, so the choice is the same for
   * the same calls at the same times. Each {@link CallEvent#routing()} says why its provider
   * answered. Default: off, the host's order only.
   *
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if a duration is not positive or {@code maxErrorRate} is not
   *     within 0 and 1
   * @throws IllegalStateException if already set
   */
  public LlmRouterBuilder preferHealthy(Duration window, double maxErrorRate, Duration maxP95) {
    HealthRules rules = new HealthRules(window, maxErrorRate, maxP95, 5);
    this.health = once(health, "preferHealthy", rules);
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
    Checks.state(!cloud || dailyBudget != null, "cloudFallback(true) requires a dailyBudget(...)");
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

  private static <T> T once(T current, String option, T value) {
    Checks.state(current == null, option + " was already set to " + current);
    return value;
  }
}
