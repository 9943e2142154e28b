package dev.olympus.llm.internal.route;

import dev.olympus.llm.Pricing;
import dev.olympus.llm.RouterListener;
import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.llm.spi.ResponseStore;
import dev.olympus.llm.spi.SpendLedger;
import dev.olympus.plan.Money;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a router is built from, copied out of its builder.
 *
 * @param providers the providers in routing order
 * @param cloudFallback whether paid providers may be used
 * @param dailyBudget the daily dollar ceiling for paid providers
 * @param ledger where daily spending is kept
 * @param cacheTtl how long cached answers live
 * @param cacheMaxEntries how many answers the in-process cache holds
 * @param resilience retry and circuit-breaker settings
 * @param defaultMaxTokens the completion cap for requests that set none
 * @param toolGrounding whether tools are also described in the system prompt
 * @param listener the metrics listener
 * @param clock the clock for budget days, cache expiry and Retry-After dates
 * @param health when providers count as unhealthy and are tried later, if health routing is on
 * @param responseStore where cached answers are kept across restarts, if anywhere
 */
public record RouterConfig(
    List<Provider> providers,
    boolean cloudFallback,
    Money dailyBudget,
    SpendLedger ledger,
    Duration cacheTtl,
    long cacheMaxEntries,
    Resilience resilience,
    int defaultMaxTokens,
    boolean toolGrounding,
    RouterListener listener,
    Clock clock,
    Optional<HealthRules> health,
    Optional<ResponseStore> responseStore) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public RouterConfig {
    providers = List.copyOf(Checks.noNulls(providers, "providers"));
    Checks.notNull(dailyBudget, "dailyBudget");
    Checks.notNull(ledger, "ledger");
    Checks.notNull(cacheTtl, "cacheTtl");
    Checks.notNull(resilience, "resilience");
    Checks.notNull(listener, "listener");
    Checks.notNull(clock, "clock");
    Checks.notNull(health, "health");
    Checks.notNull(responseStore, "responseStore");
  }

  /**
   * A provider with its price; local providers are free and always allowed.
   *
   * @param provider the provider
   * @param pricing its per-token prices
   * @param local whether it runs on the user's machine
   */
  public record Provider(LlmProvider provider, Pricing pricing, boolean local) {}
}
