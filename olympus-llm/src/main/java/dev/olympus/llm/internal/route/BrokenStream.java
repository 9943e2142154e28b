package dev.olympus.llm.internal.route;

import dev.olympus.llm.LlmException;
import dev.olympus.llm.StreamBrokenException;
import dev.olympus.llm.Usage;

/**
 * A stream that failed after text reached the listener: it must not be retried or sent to another
 * provider (the listener would see the text twice), but what it used must still be charged.
 */
final class BrokenStream extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Usage partialUsage;
  private final String partialText;

  BrokenStream(LlmException cause, String partialText, Usage partialUsage) {
    super(cause.getMessage(), cause, false, false);
    this.partialText = partialText;
    this.partialUsage = partialUsage;
  }

  LlmException failure() {
    return (LlmException) getCause();
  }

  /** The failure as the caller sees it: with the text that reached the listener. */
  StreamBrokenException toCaller() {
    return new StreamBrokenException(failure().provider(), partialText, failure());
  }

  Usage partialUsage() {
    return partialUsage;
  }
}
