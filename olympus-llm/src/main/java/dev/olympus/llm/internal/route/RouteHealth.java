package dev.olympus.llm.internal.route;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;

/**
 * A provider's recent calls (when, how long, whether they failed), on the router's clock, so that
 * the same calls at the same times always give the same verdict. Keeps the last {@value #KEPT}
 * calls. Thread-safe.
 */
final class RouteHealth {
  static final int KEPT = 200;

  private final Deque<Sample> samples = new ArrayDeque<>();

  private record Sample(long atMillis, long latencyMillis, boolean failed) {}

  /** Records a call that ended at {@code atMillis} after {@code latencyMillis}. */
  synchronized void record(long atMillis, long latencyMillis, boolean failed) {
    samples.addLast(new Sample(atMillis, Math.max(0, latencyMillis), failed));
    if (samples.size() > KEPT) {
      samples.removeFirst();
    }
  }

  /** Why the provider is unhealthy at {@code nowMillis} under {@code rules}; empty if it is not. */
  synchronized Optional<String> problem(long nowMillis, HealthRules rules) {
    long since = nowMillis - rules.window().toMillis();
    long[] latencies =
        samples.stream()
            .filter(s -> s.atMillis() > since)
            .mapToLong(Sample::latencyMillis)
            .toArray();
    int calls = latencies.length;
    if (calls < rules.minCalls()) {
      return Optional.empty();
    }
    long failed = samples.stream().filter(s -> s.atMillis() > since && s.failed()).count();
    double errorRate = (double) failed / calls;
    if (errorRate > rules.maxErrorRate()) {
      return Optional.of(
          String.format(
              "%d of its last %d calls failed (more than %.0f%%)",
              failed, calls, rules.maxErrorRate() * 100));
    }
    Arrays.sort(latencies);
    long p95 = latencies[(int) Math.ceil(0.95 * calls) - 1];
    if (p95 > rules.maxP95().toMillis()) {
      return Optional.of(
          "p95 latency "
              + p95
              + " ms over its last "
              + calls
              + " calls (more than "
              + rules.maxP95().toMillis()
              + " ms)");
    }
    return Optional.empty();
  }
}
