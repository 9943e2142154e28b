package dev.olympus.llm.internal.route;

import dev.failsafe.CircuitBreakerOpenException;
import dev.olympus.llm.BreakerState;
import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.BudgetExceededException;
import dev.olympus.llm.BudgetHold;
import dev.olympus.llm.CallEvent;
import dev.olympus.llm.CallEvent.Operation;
import dev.olympus.llm.CancelledException;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.FailedCall;
import dev.olympus.llm.LlmException;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.ProviderSkip;
import dev.olympus.llm.RouterListener;
import dev.olympus.llm.StreamListener;
import dev.olympus.llm.Usage;
import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.internal.Tokens;
import dev.olympus.llm.internal.budget.DailyBudget;
import dev.olympus.llm.spi.Capability;
import dev.olympus.llm.spi.EmbeddingReply;
import dev.olympus.llm.spi.ProviderReply;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link LlmRouter} built by {@code LlmRouter.builder()}. Thread-safe. */
public final class DefaultLlmRouter implements LlmRouter {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultLlmRouter.class);

  private final RouterConfig config;
  private final RouterListener listener;
  private final List<Route> routes = new ArrayList<>();
  private final List<String> routeNames;
  private final DailyBudget daily;
  private final ResponseCache cache;
  private final String configHash;

  /** A router with {@code config}. */
  public DefaultLlmRouter(RouterConfig config) {
    this.config = config;
    this.listener = new SafeListener(config.listener());
    for (RouterConfig.Provider p : config.providers()) {
      routes.add(new Route(p.provider(), p.pricing(), p.local(), config.resilience(), listener));
    }
    this.routeNames = routes.stream().map(Route::name).toList();
    this.daily = new DailyBudget(config.dailyBudget(), config.ledger(), config.clock());
    this.cache =
        new ResponseCache(
            config.cacheTtl(), config.cacheMaxEntries(), config.clock(), config.responseStore());
    this.configHash = ConfigHash.of(config);
  }

  @Override
  public String configHash() {
    return configHash;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    return converse(
        request, Operation.CHAT, token -> {}, (r, prepared) -> r.provider().chat(prepared));
  }

  @Override
  public ChatResponse stream(ChatRequest request, StreamListener listener) {
    return stream(request, listener, new Cancellation());
  }

  @Override
  public ChatResponse stream(
      ChatRequest request, StreamListener listener, Cancellation cancellation) {
    Checks.notNull(listener, "listener");
    Checks.notNull(cancellation, "cancellation");
    return converse(
        request,
        Operation.STREAM,
        listener,
        (r, prepared) -> streamOnce(r, prepared, listener, cancellation));
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    Checks.noNulls(texts, "texts");
    Checks.argument(!texts.isEmpty(), "texts cannot be empty");
    long started = System.nanoTime();
    Skips skips = newSkips();
    List<Route> candidates = candidates(Optional.empty(), Set.of(Capability.EMBEDDINGS), skips);
    Usage estimate = new Usage(Tokens.of(texts), 0);
    BudgetContext budget = BudgetContext.none();
    Routed<EmbeddingReply> routed;
    MdcScope mdc = new MdcScope(budget, configHash);
    try (BudgetHold hold = reserve(budget, estimate, candidates, skips)) {
      routed =
          route(
              new Caller(Operation.EMBED, budget),
              candidates,
              skips,
              estimate,
              hold,
              r -> r.provider().embed(texts),
              EmbeddingReply::usage);
    } finally {
      mdc.close();
    }
    EmbeddingReply reply = routed.value();
    listener.onCall(
        CallEvent.builder(Operation.EMBED, routed.route().name(), reply.model(), since(started))
            .usage(reply.usage())
            .cost(routed.cost())
            .budget(budget)
            .routing(skips.routing(routed.route().name()))
            .build());
    return reply.vectors();
  }

  @Override
  public Money spentToday() {
    return daily.spentToday();
  }

  @Override
  public Money remainingToday() {
    return daily.remainingToday();
  }

  @Override
  public BreakerState breakerState(String provider) {
    Checks.notNull(provider, "provider");
    return routes.stream()
        .filter(r -> r.name().equals(provider))
        .findFirst()
        .map(Route::state)
        .orElseThrow(() -> new IllegalArgumentException("no provider named '" + provider + "'"));
  }

  @Override
  public List<ProviderSkip> checkProviders() {
    List<ProviderSkip> problems = new ArrayList<>();
    for (Route route : routes) {
      try {
        route.provider().checkReady();
      } catch (LlmException e) {
        problems.add(new ProviderSkip(route.name(), ProviderSkip.Kind.FAILED, e.getMessage()));
      }
    }
    return List.copyOf(problems);
  }

  /** One attempt of a chat or stream on one provider. */
  private interface Attempt {
    ProviderReply run(Route route, ChatRequest request);
  }

  private ChatResponse converse(
      ChatRequest original, Operation operation, StreamListener replay, Attempt attempt) {
    Checks.notNull(original, "request");
    MdcScope mdc = new MdcScope(original.budget(), configHash);
    try {
      return converseInScope(prepare(original), operation, replay, attempt);
    } finally {
      mdc.close();
    }
  }

  private ChatResponse converseInScope(
      ChatRequest request, Operation operation, StreamListener replay, Attempt attempt) {
    long started = System.nanoTime();
    Skips skips = newSkips();
    List<Route> candidates = candidates(request.modelHint(), required(request), skips);
    Optional<ChatResponse> hit = cached(request, candidates);
    if (hit.isPresent()) {
      return replay(hit.get(), operation, replay, started, request);
    }
    Usage estimate = new Usage(Tokens.prompt(request), request.maxTokens().getAsInt());
    try (BudgetHold hold = reserve(request.budget(), estimate, candidates, skips)) {
      Routed<ProviderReply> routed =
          route(
              new Caller(operation, request.budget()),
              candidates,
              skips,
              estimate,
              hold,
              r -> attempt.run(r, request),
              ProviderReply::usage);
      return answer(request, operation, routed, skips, started);
    } catch (BrokenStream broken) {
      throw broken.toCaller();
    }
  }

  /**
   * Reserves the call's worst case on its plan's and step's allowances, all at once: its token
   * estimate, and its cost at the prices of the dearest provider in {@code routes} (any of them may
   * end up answering). Providers too dear for the dollar allowances are dropped from {@code routes}
   * as skipped before anything is sent; when none is left, the refusal lists them.
   *
   * @throws BudgetExceededException if the call does not fit even with the cheapest provider
   */
  private BudgetHold reserve(
      BudgetContext budget, Usage estimate, List<Route> routes, Skips skips) {
    while (true) {
      Money worst = worstCase(routes, estimate);
      try {
        return budget.reserve(estimate.totalTokens(), worst);
      } catch (BudgetExceededException refused) {
        if (!refused.scope().isUsd() || worst.isZero()) {
          throw refused;
        }
        for (Route route : List.copyOf(routes)) {
          if (!worst.exceeds(route.pricing().cost(estimate))) {
            routes.remove(route);
            skips.overBudget(route.name(), refused.scope(), refused.getMessage());
          }
        }
        if (routes.isEmpty()) {
          throw skips.failure();
        }
      }
    }
  }

  private static Money worstCase(List<Route> routes, Usage estimate) {
    Money worst = Money.ZERO;
    for (Route route : routes) {
      Money cost = route.pricing().cost(estimate);
      worst = cost.exceeds(worst) ? cost : worst;
    }
    return worst;
  }

  private ChatResponse answer(
      ChatRequest request,
      Operation operation,
      Routed<ProviderReply> routed,
      Skips skips,
      long started) {
    ProviderReply reply = routed.value();
    ChatResponse response =
        ChatResponse.builder(routed.route().name(), reply.model())
            .text(reply.text())
            .toolCalls(reply.toolCalls())
            .finishReason(reply.finishReason())
            .usage(reply.usage())
            .cost(routed.cost())
            .skipped(skips.inRoutingOrder())
            .build();
    if (request.isDeterministic()
        && reply.finishReason() != dev.olympus.llm.FinishReason.CANCELLED) {
      cache.put(RequestHash.of(request, routed.route().provider().model()), response);
    }
    listener.onCall(
        CallEvent.builder(operation, response.provider(), response.model(), since(started))
            .usage(response.usage())
            .cost(response.cost())
            .budget(request.budget())
            .routing(skips.routing(response.provider()))
            .build());
    return response;
  }

  private ChatResponse replay(
      ChatResponse hit,
      Operation operation,
      StreamListener replay,
      long started,
      ChatRequest request) {
    if (!hit.text().isEmpty()) {
      replay.onToken(hit.text());
    }
    listener.onCall(
        CallEvent.builder(operation, hit.provider(), hit.model(), since(started))
            .cached(true)
            .budget(request.budget())
            .routing("cache")
            .build());
    return hit;
  }

  private ProviderReply streamOnce(
      Route route, ChatRequest request, StreamListener listener, Cancellation cancellation) {
    CountingListener counting = new CountingListener(listener);
    try {
      return route.provider().stream(request, counting, cancellation);
    } catch (LlmException e) {
      String partial = counting.text();
      if (partial.isEmpty()) {
        throw e;
      }
      throw new BrokenStream(e, partial, new Usage(Tokens.prompt(request), Tokens.of(partial)));
    }
  }

  private ChatRequest prepare(ChatRequest request) {
    ChatRequest capped =
        request.maxTokens().isPresent()
            ? request
            : request.withMaxTokens(config.defaultMaxTokens());
    return config.toolGrounding() ? ToolGrounding.apply(capped) : capped;
  }

  private static Set<Capability> required(ChatRequest request) {
    Set<Capability> required = java.util.EnumSet.noneOf(Capability.class);
    if (!request.tools().isEmpty()) {
      required.add(Capability.TOOLS);
    }
    switch (request.responseFormat().kind()) {
      case JSON -> required.add(Capability.JSON_MODE);
      case JSON_SCHEMA -> required.add(Capability.JSON_SCHEMA);
      case TEXT -> {}
    }
    return required;
  }

  private List<Route> candidates(
      Optional<String> modelHint, Set<Capability> required, Skips skips) {
    List<Route> ordered = routes;
    if (modelHint.isPresent()) {
      String hint = modelHint.get();
      ordered = new ArrayList<>(routes);
      ordered.sort(Comparator.comparing(r -> !r.provider().model().equals(hint)));
    }
    List<Route> usable = new ArrayList<>(ordered.size());
    for (Route route : ordered) {
      if (!route.isLocal() && !config.cloudFallback()) {
        skips.add(route.name(), ProviderSkip.Kind.CLOUD_DISABLED, "cloud fallback is disabled");
      } else if (!route.provider().capabilities().containsAll(required)) {
        skips.add(
            route.name(),
            ProviderSkip.Kind.UNSUPPORTED,
            "does not support " + missing(route, required));
      } else {
        usable.add(route);
      }
    }
    return config.health().map(rules -> healthyFirst(usable, rules, skips)).orElse(usable);
  }

  private static Set<Capability> missing(Route route, Set<Capability> required) {
    Set<Capability> missing = java.util.EnumSet.copyOf(required);
    missing.removeAll(route.provider().capabilities());
    return missing;
  }

  /** {@code routes} with the unhealthy ones moved last, each group in the host's order. */
  private List<Route> healthyFirst(List<Route> routes, HealthRules rules, Skips skips) {
    long now = config.clock().millis();
    List<Route> ordered = new ArrayList<>();
    List<Route> later = new ArrayList<>();
    for (Route route : routes) {
      Optional<String> problem =
          route.state() == BreakerState.OPEN
              ? Optional.of("its circuit is open")
              : route.health().problem(now, rules);
      problem.ifPresentOrElse(
          why -> {
            skips.demoted(route.name(), why);
            later.add(route);
          },
          () -> ordered.add(route));
    }
    ordered.addAll(later);
    return ordered;
  }

  private Optional<ChatResponse> cached(ChatRequest request, List<Route> candidates) {
    if (!request.isDeterministic()) {
      return Optional.empty();
    }
    for (Route route : candidates) {
      Optional<ChatResponse> hit = cache.get(RequestHash.of(request, route.provider().model()));
      if (hit.isPresent()) {
        return Optional.of(hit.get().asCached());
      }
    }
    return Optional.empty();
  }

  private <T> Routed<T> route(
      Caller caller,
      List<Route> candidates,
      Skips skips,
      Usage estimate,
      BudgetHold budget,
      Function<Route, T> call,
      Function<T, Usage> usage) {
    for (Route route : candidates) {
      MdcScope.route(route.name() + ": " + skips.routing(route.name()));
      Money cost = route.pricing().cost(estimate);
      Optional<DailyBudget.Hold> usd =
          route.pricing().isFree() ? Optional.empty() : daily(route, cost, skips);
      if (!route.pricing().isFree() && usd.isEmpty()) {
        continue;
      }
      DailyBudget.Hold hold = usd.orElse(null);
      boolean settled = false;
      long started = config.clock().millis();
      long tried = System.nanoTime();
      try {
        T value = route.call(() -> call.apply(route));
        recordHealth(route, started, false);
        Usage used = usage.apply(value);
        Money actual = route.pricing().cost(used);
        settled = settle(hold, budget, used, actual, cost);
        return new Routed<>(route, value, actual);
      } catch (BrokenStream broken) {
        recordHealth(route, started, true);
        Usage partial = broken.partialUsage();
        settled = settle(hold, budget, partial, route.pricing().cost(partial), cost);
        failed(caller, route, tried, broken.failure());
        throw broken;
      } catch (CircuitBreakerOpenException e) {
        skips.circuitOpen(route.name());
      } catch (CancelledException e) {
        throw e;
      } catch (LlmException e) {
        recordHealth(route, started, true);
        failed(caller, route, tried, e);
        skips.failed(route.name(), e);
      } finally {
        if (hold != null && !settled) {
          hold.release();
        }
      }
    }
    throw skips.failure();
  }

  private void failed(Caller caller, Route route, long tried, LlmException error) {
    listener.onFailure(
        new FailedCall(
            caller.operation(),
            route.name(),
            route.provider().model(),
            since(tried),
            error,
            caller.budget()));
  }

  private void recordHealth(Route route, long started, boolean failed) {
    long now = config.clock().millis();
    route.health().record(now, now - started, failed);
  }

  /** Reserves {@code cost} of a paid route on today's budget; empty (and skipped) if refused. */
  private Optional<DailyBudget.Hold> daily(Route route, Money cost, Skips skips) {
    Optional<DailyBudget.Hold> hold;
    try {
      hold = daily.tryReserve(cost);
    } catch (RuntimeException e) {
      LOG.warn("the spend ledger could not reserve {} for {}", cost, route.name(), e);
      skips.add(route.name(), ProviderSkip.Kind.FAILED, "the spend ledger failed: " + e);
      return Optional.empty();
    }
    if (hold.isEmpty()) {
      skips.overBudget(
          route.name(),
          BudgetExceededException.Scope.DAILY_USD,
          "over the daily budget: may cost up to "
              + cost
              + " but "
              + daily.remainingToday()
              + " of "
              + daily.limit()
              + " is left today");
    }
    return hold;
  }

  private static boolean settle(
      DailyBudget.Hold daily, BudgetHold budget, Usage used, Money actual, Money reserved) {
    if (actual.exceeds(reserved)) {
      LOG.warn(
          "a reply cost {} although {} was reserved for it: charged in full (the provider ignored"
              + " the completion cap, or the prompt estimate was low)",
          actual,
          reserved);
    }
    if (daily != null) {
      daily.settle(actual);
    }
    budget.settle(used.totalTokens(), actual);
    return true;
  }

  private Skips newSkips() {
    return new Skips(listener, routeNames);
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** What is being routed, and for whom: for the failures reported to the listener. */
  private record Caller(Operation operation, BudgetContext budget) {}

  /** What a provider answered, and what it cost. */
  private record Routed<T>(Route route, T value, Money cost) {}
}
