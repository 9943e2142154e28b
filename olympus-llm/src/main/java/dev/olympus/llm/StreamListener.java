package dev.olympus.llm;

/**
 * Receives the answer of a streaming call piece by piece, as the model generates it.
 *
 * <pre>{@code
 * ChatResponse full = router.stream(request, token -> System.out.print(token));
 * }</pre>
 *
 * <p>Called on the caller's thread, in order. If {@link #onToken} throws, the stream is closed,
 * nothing more is delivered, and the exception propagates out of {@code stream(...)} unchanged.
 */
@FunctionalInterface
public interface StreamListener {
  /**
   * Receives the next piece of the answer's text (often one token, never empty).
   *
   * @param text the new text
   */
  void onToken(String text);
}
