package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.spi.Capability;
import dev.olympus.llm.spi.EmbeddingReply;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.llm.spi.ProviderReply;
import dev.olympus.plan.Cancellation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider whose model can be swapped while the router runs, and that rolls back to the previous
 * model when the new one fails one of its first calls. Give it to the router in place of the local
 * provider; its name (the first provider's) stays the same across swaps, so routing, breaker and
 * metrics keep one entry.
 *
 * <pre>{@code
 * SwappableProvider local = SwappableProvider.of(OllamaProvider.at(ollama, "llama3.2"));
 * LlmRouter router = LlmRouter.builder().local(local).build();
 * // later, after models.pull("qwen2.5:7b", ...):
 * boolean swapped = local.swapTo(OllamaProvider.at(ollama, "qwen2.5:7b"), 5, probe -> true);
 * }</pre>
 *
 * <p>A swap first asks the new provider whether it is ready ({@link LlmProvider#checkReady()}),
 * then the host's check; only if both pass does it take calls. For its first {@code trialCalls}
 * calls it is on trial: the first that fails (except when the caller cancelled) puts the previous
 * provider back, and the call is sent to that one instead, unless a stream had already delivered
 * text (then the failure reaches the caller). Thread-safe.
 */
public final class SwappableProvider implements LlmProvider {
  private static final Logger LOG = LoggerFactory.getLogger(SwappableProvider.class);

  private final String name;
  private final AtomicReference<State> state;

  /** Which provider answers, and the one to go back to while it is on trial. */
  private record State(LlmProvider current, Optional<LlmProvider> previous, int trialsLeft) {}

  private SwappableProvider(LlmProvider initial) {
    this.name = initial.name();
    this.state = new AtomicReference<>(new State(initial, Optional.empty(), 0));
  }

  /**
   * A swappable provider that starts with {@code initial} and takes its name.
   *
   * @throws NullPointerException if {@code initial} is null
   */
  public static SwappableProvider of(LlmProvider initial) {
    return new SwappableProvider(Checks.notNull(initial, "initial"));
  }

  /** The provider that answers now. */
  public LlmProvider current() {
    return state.get().current();
  }

  /**
   * Puts {@code candidate} in place of the current provider, on trial for its first {@code
   * trialCalls} calls, if it is ready and {@code hostCheck} accepts it; otherwise changes nothing.
   *
   * @param hostCheck the host's own test of the candidate (a probe prompt, say), run before the
   *     swap; an exception it throws propagates and nothing changes
   * @return whether the candidate now answers; false if {@code hostCheck} refused it
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code trialCalls} is negative
   * @throws LlmException if the candidate is not ready (for Ollama: the model is not pulled)
   */
  public boolean swapTo(LlmProvider candidate, int trialCalls, Predicate<LlmProvider> hostCheck) {
    Checks.notNull(candidate, "candidate");
    Checks.notNull(hostCheck, "hostCheck");
    Checks.argument(trialCalls >= 0, "trialCalls must be >= 0 but was " + trialCalls);
    candidate.checkReady();
    if (!hostCheck.test(candidate)) {
      LOG.info("the host's check refused {}: {} stays", candidate.model(), current().model());
      return false;
    }
    State before =
        state.getAndUpdate(
            s ->
                new State(
                    candidate,
                    trialCalls > 0 ? Optional.of(s.current()) : Optional.empty(),
                    trialCalls));
    LOG.info("{} now answers with {} (was {})", name, candidate.model(), before.current().model());
    return true;
  }

  /**
   * Puts the previous provider back while the current one is on trial (the host's own check of its
   * first answers failed, say).
   *
   * @return whether the previous provider answers now; false if there was no swap on trial
   */
  public boolean rollBack() {
    State before =
        state.getAndUpdate(
            s ->
                s.trialsLeft() > 0
                    ? new State(s.previous().orElseThrow(), Optional.empty(), 0)
                    : s);
    return before.trialsLeft() > 0;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String model() {
    return current().model();
  }

  @Override
  public Set<Capability> capabilities() {
    return current().capabilities();
  }

  @Override
  public void checkReady() {
    current().checkReady();
  }

  @Override
  public ProviderReply chat(ChatRequest request) {
    return call(provider -> provider.chat(request), () -> true);
  }

  @Override
  public ProviderReply stream(
      ChatRequest request, StreamListener listener, Cancellation cancellation) {
    AtomicBoolean delivered = new AtomicBoolean();
    StreamListener marking =
        text -> {
          delivered.set(true);
          listener.onToken(text);
        };
    return call(
        provider -> provider.stream(request, marking, cancellation), () -> !delivered.get());
  }

  @Override
  public EmbeddingReply embed(List<String> texts) {
    return call(provider -> provider.embed(texts), () -> true);
  }

  /** Whether a failed call may be sent again to the provider rolled back to. */
  private interface Resendable {
    boolean now();
  }

  private <T> T call(Function<LlmProvider, T> action, Resendable resendable) {
    State seen = state.get();
    try {
      T result = action.apply(seen.current());
      endTrialCall(seen);
      return result;
    } catch (CancelledException e) {
      throw e;
    } catch (LlmException e) {
      if (seen.trialsLeft() == 0 || !rollBack(seen, e)) {
        throw e;
      }
      if (!resendable.now()) {
        throw e;
      }
      return action.apply(state.get().current());
    }
  }

  private void endTrialCall(State seen) {
    if (seen.trialsLeft() > 0) {
      state.updateAndGet(
          s ->
              s.current() != seen.current() || s.trialsLeft() == 0
                  ? s
                  : new State(
                      s.current(),
                      s.trialsLeft() == 1 ? Optional.empty() : s.previous(),
                      s.trialsLeft() - 1));
    }
  }

  /** Puts the previous provider back if {@code seen}'s is still on trial; whether it is back. */
  private boolean rollBack(State seen, LlmException failure) {
    LlmProvider previous = seen.previous().orElseThrow();
    State before =
        state.getAndUpdate(
            s ->
                s.current() == seen.current() && s.trialsLeft() > 0
                    ? new State(previous, Optional.empty(), 0)
                    : s);
    if (before.current() == seen.current() && before.trialsLeft() > 0) {
      LOG.warn(
          "{} failed on trial ({}): back to {}",
          seen.current().model(),
          failure.getMessage(),
          previous.model());
    }
    return state.get().current() == previous;
  }
}
