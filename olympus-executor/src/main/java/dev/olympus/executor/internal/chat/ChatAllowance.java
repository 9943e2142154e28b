package dev.olympus.executor.internal.chat;

import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.TokenMeter;
import dev.olympus.memory.Counters;
import dev.olympus.plan.Budget;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The budgets of chat messages: the session's (over its whole life, from its usage events) and the
 * day's (shared by every session of the store, in persistent counters, per UTC day). Both are
 * checked before each round and handed to the router as token allowances, so one call cannot pass
 * them either. Thread-safe.
 */
final class ChatAllowance {
  private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

  private final Budget session;
  private final Budget daily;
  private final Counters counters;
  private final Clock clock;

  ChatAllowance(Budget session, Budget daily, Counters counters, Clock clock) {
    this.session = session;
    this.daily = daily;
    this.counters = counters;
    this.clock = clock;
  }

  /** Why no further round may run, or empty if one may. */
  Optional<String> exhausted(ChatState state) {
    Optional<String> spent = spent("session", session, state.tokens(), state.cost().amount());
    return spent.isPresent() ? spent : spent("daily chat", daily, dayTokens(), dayUsd());
  }

  /** The budget context of a model call: session tokens as plan allowance, the day's as step's. */
  BudgetContext context(String sessionId, String stepId, ChatState state) {
    return BudgetContext.builder(sessionId, stepId)
        .planTokens(allowance(session, state.tokens()))
        .stepTokens(allowance(daily, dayTokens()))
        .build();
  }

  /** Adds what {@code response} used to the day's counters. */
  void charge(ChatResponse response) {
    if (daily.isUnlimited()) {
      return;
    }
    counters.add(key("tokens"), response.usage().totalTokens());
    long micros =
        response
            .cost()
            .amount()
            .multiply(MICROS)
            .setScale(0, java.math.RoundingMode.UP)
            .longValue();
    counters.add(key("usd-micros"), micros);
  }

  private static Optional<String> spent(String name, Budget budget, long tokens, BigDecimal usd) {
    if (budget.maxTokens().isPresent() && tokens >= budget.maxTokens().getAsLong()) {
      return Optional.of(
          name
              + " token budget of "
              + budget.maxTokens().getAsLong()
              + " is spent ("
              + tokens
              + ")");
    }
    if (budget.maxUsd().isPresent() && usd.compareTo(budget.maxUsd().get().amount()) >= 0) {
      return Optional.of(
          name
              + " budget of "
              + budget.maxUsd().get()
              + " is spent ($"
              + usd.toPlainString()
              + ")");
    }
    return Optional.empty();
  }

  private static TokenMeter allowance(Budget budget, long used) {
    if (budget.maxTokens().isEmpty()) {
      return TokenMeter.unlimited();
    }
    return TokenMeter.of(Math.max(1, budget.maxTokens().getAsLong() - used));
  }

  private long dayTokens() {
    return daily.isUnlimited() ? 0 : counters.get(key("tokens"));
  }

  private BigDecimal dayUsd() {
    return daily.isUnlimited()
        ? BigDecimal.ZERO
        : BigDecimal.valueOf(counters.get(key("usd-micros"))).divide(MICROS);
  }

  private String key(String what) {
    return "chat.daily." + what + "." + LocalDate.now(clock);
  }
}
