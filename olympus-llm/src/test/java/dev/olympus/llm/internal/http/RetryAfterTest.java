package dev.olympus.llm.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  final Instant now = Instant.parse("2015-10-21T07:28:00Z");

  @Test
  void readsSecondsAndHttpDates() {
    assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", now));
    assertEquals(
        Optional.of(Duration.ofSeconds(30)),
        RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", now));
    assertEquals(
        Optional.of(Duration.ZERO), RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", now));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
    assertEquals(Optional.empty(), RetryAfter.parse(null, now));
  }
}
