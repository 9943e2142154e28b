package dev.olympus.tools;

/**
 * Receives every consent event (asked, granted, denied) so the executor can write it to the audit
 * log. Called synchronously on the thread that asks for consent; must be thread-safe. If it throws,
 * the exception propagates out of {@link ConsentGate#authorize} and the call does not run: an
 * unaudited decision never lets a call through.
 */
@FunctionalInterface
public interface ConsentListener {
  /**
   * Records {@code event}.
   *
   * @param event what happened
   */
  void onConsent(ConsentEvent event);

  /** Returns a listener that ignores every event. */
  static ConsentListener none() {
    return event -> {};
  }
}
