package dev.olympus.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SettableClockTest {
  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

  @Test
  void standsStillUntilMovedAndAZonedViewMovesWithIt() {
    SettableClock clock = SettableClock.at(T0);
    SettableClock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    assertEquals(T0, clock.instant());
    assertEquals(T0.plusSeconds(90), clock.advance(Duration.ofSeconds(90)));
    assertEquals(T0.plusSeconds(90), paris.instant());
    assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());

    paris.set(T0);
    assertEquals(T0, clock.instant());
    assertEquals(T0.toEpochMilli(), clock.millis());
  }

  @Test
  void advancesAddUp() {
    qt().forAll(lists().of(integers().between(-1_000, 1_000)).ofSizeBetween(0, 20))
        .checkAssert(
            steps -> {
              SettableClock clock = SettableClock.at(T0);
              steps.forEach(s -> clock.advance(Duration.ofMillis(s)));
              long sum = steps.stream().mapToLong(Integer::longValue).sum();
              assertEquals(T0.plusMillis(sum), clock.instant());
            });
  }

  @Test
  void concurrentAdvancesAreNotLost() throws Exception {
    SettableClock clock = SettableClock.at(T0);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      java.util.concurrent.Callable<Void> task = () -> advance(clock);
      for (Future<Void> f : threads.invokeAll(List.of(task, task, task, task))) {
        f.get();
      }
    } finally {
      threads.shutdown();
      threads.awaitTermination(10, TimeUnit.SECONDS);
    }
    assertEquals(T0.plusSeconds(4_000), clock.instant());
  }

  private static Void advance(SettableClock clock) {
    for (int i = 0; i < 1_000; i++) {
      clock.advance(Duration.ofSeconds(1));
    }
    return null;
  }

  @Test
  void toStringShowsTheTimeAndZone() {
    assertEquals("SettableClock[2026-11-25T09:00:00Z, Z]", SettableClock.at(T0).toString());
  }
}
