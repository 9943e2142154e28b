package dev.olympus.testing;

import static dev.olympus.testing.internal.Checks.notNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until the test moves it: pass it where the SDK takes a {@link Clock}
 * (leases, caches, budgets, retention) and {@link #advance} it to make time pass without waiting.
 *
 * <pre>{@code
 * SettableClock clock = SettableClock.at(Instant.parse("2026-11-25T09:00:00Z"));
 * LlmRouter router = LlmRouter.builder().local(provider).clock(clock).build();
 * clock.advance(Duration.ofHours(25));          // the daily budget starts a new day
 * }</pre>
 *
 * <p>Thread-safe: readers on other threads see each change at once. A clock from {@link #withZone}
 * shares this one's time.
 */
public final class SettableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * A clock in UTC showing {@code start}.
   *
   * @throws NullPointerException if {@code start} is null
   */
  public static SettableClock at(Instant start) {
    return new SettableClock(new AtomicReference<>(notNull(start, "start")), ZoneOffset.UTC);
  }

  /**
   * Moves the clock by {@code amount} (backwards when negative) and returns the new time.
   *
   * @throws NullPointerException if {@code amount} is null
   */
  public Instant advance(Duration amount) {
    notNull(amount, "amount");
    return now.updateAndGet(t -> t.plus(amount));
  }

  /**
   * Sets the clock to {@code instant}.
   *
   * @throws NullPointerException if {@code instant} is null
   */
  public void set(Instant instant) {
    now.set(notNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /**
   * A view of this clock in {@code zone}: same time, moved by the same calls.
   *
   * @throws NullPointerException if {@code zone} is null
   */
  @Override
  public SettableClock withZone(ZoneId zone) {
    return new SettableClock(now, notNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "SettableClock[" + now.get() + ", " + zone + "]";
  }
}
