package dev.olympus.executor.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * Time arithmetic that saturates instead of overflowing, so that a duration too long to ever run
 * out (a host's {@code ChronoUnit.FOREVER.getDuration()} for "no limit") means no limit rather than
 * an {@link ArithmeticException} halfway through a run.
 */
public final class Durations {
  /**
   * The longest wait or limit used: about 73 years, beyond any run, yet countable in nanoseconds
   * with room to add a jitter or a {@link System#nanoTime()} to it.
   */
  public static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE / 4);

  private Durations() {}

  /** {@code duration}, or {@link #LONGEST} if it is longer. */
  public static Duration capped(Duration duration) {
    return duration.compareTo(LONGEST) > 0 ? LONGEST : duration;
  }

  /** {@code duration} after {@code start}, at most {@link #LONGEST} after it. */
  public static Instant after(Instant start, Duration duration) {
    return start.plus(capped(duration));
  }
}
