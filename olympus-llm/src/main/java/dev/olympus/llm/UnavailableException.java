package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import java.util.List;
import java.util.stream.Collectors;

/**
 * No provider could answer: each was skipped (circuit open, capability missing, cloud fallback
 * disabled) or failed. The message and {@link #reasons()} list each provider and why; the last
 * failure, if any, is the cause. When a budget passed a provider over, the router throws {@link
 * BudgetExceededException} instead.
 *
 * <p>Immutable and thread-safe.
 */
public final class UnavailableException extends LlmException {
  private static final long serialVersionUID = 1L;

  /** Each provider and why it did not answer, in routing order. */
  // Not serialized: a deserialized copy reports no reasons (its message still names them).
  private final transient List<ProviderSkip> reasons;

  /** Whether some provider failed in a way that may pass. */
  private final boolean retryable;

  /**
   * An all-providers failure.
   *
   * @param reasons each provider and why it did not answer
   * @param retryable whether some provider failed in a way that may pass (transient, rate limited,
   *     circuit open)
   * @param cause the last provider failure, or null
   * @throws NullPointerException if {@code reasons} is null or holds a null
   */
  public UnavailableException(List<ProviderSkip> reasons, boolean retryable, Throwable cause) {
    super("", message(reasons), cause);
    this.reasons = List.copyOf(reasons);
    this.retryable = retryable;
  }

  private static String message(List<ProviderSkip> reasons) {
    Checks.noNulls(reasons, "reasons");
    if (reasons.isEmpty()) {
      return "no LLM provider is configured";
    }
    return reasons.stream()
        .map(ProviderSkip::toString)
        .collect(Collectors.joining("; ", "no LLM provider could answer: ", ""));
  }

  /** Each provider and why it did not answer, in routing order. */
  public List<ProviderSkip> reasons() {
    return reasons == null ? List.of() : reasons;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
