package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;

/**
 * A stream failed after part of the answer had reached the listener (the connection dropped, the
 * server sent an error mid-answer, the stream stalled): {@link #partialText()} is what arrived, and
 * the cause is the provider's failure. The router does not retry it nor ask another provider, since
 * the listener would see the text twice; what was received is charged by estimate.
 *
 * <pre>{@code
 * try {
 *   router.stream(request, ui::append);
 * } catch (StreamBrokenException e) {
 *   ui.markIncomplete(e.partialText());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class StreamBrokenException extends LlmException {
  private static final long serialVersionUID = 1L;

  /** The text that reached the listener before the failure. */
  private final String partialText;

  /**
   * A stream that broke after {@code partialText} was delivered.
   *
   * @param provider the provider's name
   * @param partialText what reached the listener
   * @param cause the provider's failure
   * @throws NullPointerException if an argument is null
   */
  public StreamBrokenException(String provider, String partialText, LlmException cause) {
    super(
        provider,
        "the stream broke after "
            + Checks.notNull(partialText, "partialText").length()
            + " characters: "
            + Checks.notNull(cause, "cause").getMessage(),
        cause);
    this.partialText = partialText;
  }

  /** The text that reached the listener before the failure. */
  public String partialText() {
    return partialText;
  }

  /** Whether the provider's failure may pass (the whole call would then be sent again). */
  @Override
  public boolean retryable() {
    return ((LlmException) getCause()).retryable();
  }
}
