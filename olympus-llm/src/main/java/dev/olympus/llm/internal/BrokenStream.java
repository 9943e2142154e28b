package dev.olympus.llm.internal;

import dev.olympus.llm.LlmException;
import dev.olympus.llm.Usage;

/**
 * A stream that failed after text reached the listener: it must not be retried or sent to another
 * provider (the listener would see the text twice), but what it used must still be charged.
 */
final class BrokenStream extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Usage partialUsage;

  BrokenStream(LlmException cause, Usage partialUsage) {
    super(cause.getMessage(), cause, false, false);
    this.partialUsage = partialUsage;
  }

  LlmException failure() {
    return (LlmException) getCause();
  }

  Usage partialUsage() {
    return partialUsage;
  }
}
