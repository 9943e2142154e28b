package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;

/**
 * Tokens a call consumed, as the provider reported them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param promptTokens tokens in the request (the prompt), at least zero
 * @param completionTokens tokens the model generated, at least zero
 */
public record Usage(long promptTokens, long completionTokens) {
  /** No tokens: what a cache hit costs. */
  public static final Usage NONE = new Usage(0, 0);

  /**
   * Checks the counts.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public Usage {
    Checks.notNegative(promptTokens, "promptTokens");
    Checks.notNegative(completionTokens, "completionTokens");
  }

  /** Prompt and completion tokens together. */
  public long totalTokens() {
    return promptTokens + completionTokens;
  }
}
