package dev.olympus.tools.internal.documents;

import dev.olympus.tools.DocumentException;
import dev.olympus.tools.DocumentException.Problem;
import java.time.Duration;

/** The time one document's extraction may take, checked at each step of its loops. */
final class ExtractionDeadline {
  private final String name;
  private final Duration timeout;
  private final long end;

  ExtractionDeadline(String name, Duration timeout) {
    this.name = name;
    this.timeout = timeout;
    this.end = System.nanoTime() + timeout.toNanos();
  }

  /** Throws a {@link DocumentException} if the time is up. */
  void check() {
    if (System.nanoTime() - end > 0) {
      throw new DocumentException(
          name, Problem.TOO_LARGE, "needs more than " + timeout + " to extract its text", null);
    }
  }
}
