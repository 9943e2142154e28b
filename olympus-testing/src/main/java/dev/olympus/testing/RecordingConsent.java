package dev.olympus.testing;

import static dev.olympus.testing.internal.Checks.noNulls;
import static dev.olympus.testing.internal.Checks.notBlank;
import static dev.olympus.testing.internal.Checks.notNull;

import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ConsentRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link ConsentProvider} that records every request and answers from, in this order: the queued
 * decisions, the first matching rule, then its fallback.
 *
 * <pre>{@code
 * RecordingConsent consent = RecordingConsent.denyingAll()
 *     .allowTool("fs.read")
 *     .when(r -> r.scopes().contains("net.get"), ConsentDecision.allowForPlan());
 * consent.enqueue(ConsentDecision.deny("not now"));   // the first question, whatever it is
 * ... run the plan ...
 * assertEquals("fs.write", consent.requests().get(0).toolId());
 * }</pre>
 *
 * <p>Thread-safe: parallel steps may ask at once, and a test may add rules or decisions meanwhile.
 * A rule or fallback function that throws makes the gate deny the call, as for any provider.
 */
public final class RecordingConsent implements ConsentProvider {
  private record Rule(Predicate<ConsentRequest> matches, ConsentDecision decision) {}

  private final List<ConsentRequest> requests = new ArrayList<>();
  private final Deque<ConsentDecision> queue = new ArrayDeque<>();
  private final List<Rule> rules = new ArrayList<>();
  private final Function<ConsentRequest, ConsentDecision> fallback;

  private RecordingConsent(Function<ConsentRequest, ConsentDecision> fallback) {
    this.fallback = fallback;
  }

  /** A provider that allows each call once unless a queued decision or a rule says otherwise. */
  public static RecordingConsent allowingAll() {
    return answering(request -> ConsentDecision.allowOnce());
  }

  /** A provider that denies each call unless a queued decision or a rule says otherwise. */
  public static RecordingConsent denyingAll() {
    return answering(request -> ConsentDecision.deny("denied by the test's RecordingConsent"));
  }

  /**
   * A provider that answers with {@code fallback} unless a queued decision or a rule applies.
   *
   * @throws NullPointerException if {@code fallback} is null
   */
  public static RecordingConsent answering(Function<ConsentRequest, ConsentDecision> fallback) {
    return new RecordingConsent(notNull(fallback, "fallback"));
  }

  /**
   * Answers requests that {@code matches} with {@code decision}; rules are tried in the order
   * added. Returns this provider.
   *
   * @throws NullPointerException if an argument is null
   */
  public synchronized RecordingConsent when(
      Predicate<ConsentRequest> matches, ConsentDecision decision) {
    rules.add(new Rule(notNull(matches, "matches"), notNull(decision, "decision")));
    return this;
  }

  /**
   * Allows each call of tool {@code toolId} once. Returns this provider.
   *
   * @throws NullPointerException if {@code toolId} is null
   * @throws IllegalArgumentException if {@code toolId} is blank
   */
  public RecordingConsent allowTool(String toolId) {
    notBlank(toolId, "toolId");
    return when(request -> request.toolId().equals(toolId), ConsentDecision.allowOnce());
  }

  /**
   * Denies each call of tool {@code toolId}. Returns this provider.
   *
   * @throws NullPointerException if {@code toolId} is null
   * @throws IllegalArgumentException if {@code toolId} is blank
   */
  public RecordingConsent denyTool(String toolId) {
    notBlank(toolId, "toolId");
    return when(
        request -> request.toolId().equals(toolId),
        ConsentDecision.deny("the test denies " + toolId));
  }

  /**
   * Appends {@code decisions}; each answers the next request, before any rule.
   *
   * @throws NullPointerException if {@code decisions} is null or holds a null
   */
  public synchronized void enqueue(ConsentDecision... decisions) {
    queue.addAll(noNulls(List.of(notNull(decisions, "decisions")), "decisions"));
  }

  /** Every request asked so far, in order. */
  public synchronized List<ConsentRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * Records {@code request} and answers it from the queue, the rules or the fallback.
   *
   * @throws NullPointerException if {@code request} is null
   */
  @Override
  public ConsentDecision decide(ConsentRequest request) {
    notNull(request, "request");
    synchronized (this) {
      requests.add(request);
      ConsentDecision queued = queue.poll();
      if (queued != null) {
        return queued;
      }
      for (Rule rule : rules) {
        if (rule.matches().test(request)) {
          return rule.decision();
        }
      }
    }
    return fallback.apply(request);
  }
}
