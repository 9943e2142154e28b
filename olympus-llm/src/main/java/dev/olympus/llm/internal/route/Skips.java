package dev.olympus.llm.internal.route;

import dev.olympus.llm.BudgetExceededException;
import dev.olympus.llm.LlmException;
import dev.olympus.llm.ProviderSkip;
import dev.olympus.llm.ProviderSkip.Kind;
import dev.olympus.llm.RouterListener;
import dev.olympus.llm.UnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What routing one call passed over and why, told to the listener as it happens; builds the error
 * when no provider answered: {@link BudgetExceededException} if a budget passed any provider over,
 * {@link UnavailableException} otherwise. One thread.
 */
final class Skips {
  private static final Logger LOG = LoggerFactory.getLogger(Skips.class);

  private final RouterListener listener;
  private final List<String> order;
  private final List<ProviderSkip> skips = new ArrayList<>();
  private BudgetExceededException.Scope budget;
  private boolean retryable;
  private LlmException last;
  private final Map<String, String> demoted = new LinkedHashMap<>();

  /** Skips told to {@code listener}, listed in the order of {@code routeNames}. */
  Skips(RouterListener listener, List<String> routeNames) {
    this.listener = listener;
    this.order = routeNames;
  }

  void add(String provider, Kind kind, String reason) {
    ProviderSkip skip = new ProviderSkip(provider, kind, reason);
    LOG.debug("skipping {}", skip);
    skips.add(skip);
    listener.onSkip(skip);
  }

  /** Notes that {@code provider} is tried after the healthy ones, and why. */
  void demoted(String provider, String reason) {
    LOG.debug("trying {} after healthy providers: {}", provider, reason);
    demoted.put(provider, reason);
  }

  /** Why {@code chosen} answered, for the call event. */
  String routing(String chosen) {
    if (demoted.isEmpty()) {
      return "the host's order";
    }
    StringBuilder why = new StringBuilder("healthy providers first, in the host's order; later:");
    demoted.forEach((name, reason) -> why.append(' ').append(name).append(" (" + reason + ");"));
    return demoted.containsKey(chosen)
        ? why.append(" no healthy one answered").toString()
        : why.toString();
  }

  void overBudget(String provider, BudgetExceededException.Scope scope, String reason) {
    budget = budget == null ? scope : budget;
    add(provider, Kind.OVER_BUDGET, reason);
  }

  void circuitOpen(String provider) {
    retryable = true;
    add(provider, Kind.CIRCUIT_OPEN, "circuit breaker is open");
  }

  void failed(String provider, LlmException e) {
    last = e;
    retryable |= e.retryable();
    add(provider, Kind.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  /** The skips so far, in routing order. */
  List<ProviderSkip> inRoutingOrder() {
    List<ProviderSkip> sorted = new ArrayList<>(skips);
    sorted.sort(Comparator.comparingInt(skip -> order.indexOf(skip.provider())));
    return sorted;
  }

  /** The error for a call no provider answered. */
  LlmException failure() {
    List<ProviderSkip> sorted = inRoutingOrder();
    if (budget == null) {
      return new UnavailableException(sorted, retryable, last);
    }
    String why =
        sorted.stream()
            .map(ProviderSkip::toString)
            .collect(Collectors.joining("; ", "no LLM provider could answer within budget: ", ""));
    return new BudgetExceededException(budget, why, sorted, last);
  }
}
