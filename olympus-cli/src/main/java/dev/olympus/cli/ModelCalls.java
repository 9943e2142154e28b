package dev.olympus.cli;

import dev.olympus.llm.CallEvent;
import dev.olympus.llm.ProviderSkip;
import dev.olympus.llm.RouterListener;
import dev.olympus.plan.Money;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hears which model answered each call and what it cost, and which providers were passed over, so
 * that after a plan or a chat reply the terminal says who answered (a cloud fallback included) and
 * at what price. Thread-safe: the router calls it from the threads that make the calls.
 */
final class ModelCalls implements RouterListener {
  private final List<CallEvent> calls = new ArrayList<>();
  private final Set<String> passedOver = new LinkedHashSet<>();

  @Override
  public synchronized void onCall(CallEvent event) {
    calls.add(event);
  }

  @Override
  public synchronized void onSkip(ProviderSkip skip) {
    passedOver.add(skip.toString());
  }

  /**
   * One line per model that answered since the last drain (calls, tokens, dollars), one per
   * provider passed over on the way; then forgets them. Empty if no model was called.
   */
  synchronized List<String> drain() {
    Map<String, Total> byProvider = new LinkedHashMap<>();
    for (CallEvent call : calls) {
      byProvider.computeIfAbsent(call.provider(), k -> new Total()).add(call);
    }
    List<String> lines = new ArrayList<>();
    byProvider.forEach((provider, total) -> lines.add("answered by " + provider + ": " + total));
    if (!lines.isEmpty()) {
      passedOver.forEach(why -> lines.add("passed over " + why));
    }
    calls.clear();
    passedOver.clear();
    return lines.stream().map(Terminal::clean).toList();
  }

  /** What the calls to one model came to. */
  private static final class Total {
    private int calls;
    private int cached;
    private long tokens;
    private Money cost = Money.ZERO;

    void add(CallEvent call) {
      calls++;
      cached += call.cached() ? 1 : 0;
      tokens += call.usage().totalTokens();
      cost = cost.plus(call.cost());
    }

    @Override
    public String toString() {
      return calls
          + (calls == 1 ? " call" : " calls")
          + (cached == 0 ? "" : " (" + cached + " from the cache)")
          + ", "
          + tokens
          + " tokens, "
          + cost;
    }
  }
}
