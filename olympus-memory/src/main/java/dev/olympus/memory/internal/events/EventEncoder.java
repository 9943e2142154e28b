package dev.olympus.memory.internal.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.memory.internal.CanonicalJson;
import dev.olympus.memory.internal.Hashes;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanJson;
import dev.olympus.plan.StepStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes events as the canonical JSON that the chain hashes, and their SHA-256, reusing one
 * generator, buffer and digest across events. The output is exactly {@code
 * CanonicalJson.write(PlanWriter.event(event))} (a property test holds the two together); this
 * writes the event's fields in sorted order directly instead of building and sorting a tree. Step
 * statuses (for incremental checkpoints) are written the same way, exactly as {@code
 * PlanJson.write(status)} writes them. Not thread-safe: one encoder per thread, dropped after a
 * failure.
 */
public final class EventEncoder {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  // 9999-12-31T23:59:59Z: up to here an instant prints as yyyy-MM-ddTHH:mm:ss[.fraction]Z
  private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_799L;

  private final StringBuilder text = new StringBuilder(512);
  private final JsonGenerator generator;
  private final MessageDigest digest = Hashes.sha256();

  /** A new encoder. */
  public EventEncoder() {
    try {
      generator = MAPPER.createGenerator(new Appender(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    generator.setRootValueSeparator(null); // events are written one after another, sliced apart
  }

  /** The canonical JSON of {@code event}: keys sorted, no whitespace. */
  public String json(PlanEvent event) {
    text.setLength(0);
    try {
      JsonGenerator g = generator;
      g.writeStartObject();
      g.writeStringField("correlationId", event.correlationId());
      g.writeFieldName("data");
      CanonicalJson.write(g, event.data());
      g.writeStringField("kind", event.kind());
      g.writeStringField("planId", event.planId());
      if (event.stepId().isPresent()) {
        g.writeStringField("stepId", event.stepId().get());
      }
      g.writeStringField("timestamp", instant(event.timestamp()));
      g.writeEndObject();
      g.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** {@code status} as {@code PlanJson.write(status)} writes it: fields in the writer's order. */
  public String json(StepStatus status) {
    text.setLength(0);
    try {
      JsonGenerator g = generator;
      g.writeStartObject();
      g.writeStringField("state", status.state().name());
      g.writeNumberField("attempts", status.attempts());
      if (status.output().isPresent()) {
        g.writeFieldName("output");
        g.writeTree(status.output().get());
      }
      if (status.error().isPresent()) {
        g.writeFieldName("error");
        g.writeRawValue(PlanJson.write(status.error().get()));
      }
      if (status.startedAt().isPresent()) {
        g.writeStringField("startedAt", instant(status.startedAt().get()));
      }
      if (status.finishedAt().isPresent()) {
        g.writeStringField("finishedAt", instant(status.finishedAt().get()));
      }
      g.writeEndObject();
      g.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** SHA-256 of the UTF-8 bytes of {@code text}, as lowercase hex. */
  public String sha256(String text) {
    return Hashes.sha256(digest, text);
  }

  /** {@code at.toString()}, without the formatter for the instants of years 1970 to 9999. */
  public static String instant(Instant at) {
    long seconds = at.getEpochSecond();
    if (seconds < 0 || seconds > LAST_FOUR_DIGIT_SECOND) {
      return at.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(seconds / 86_400);
    int secondOfDay = (int) (seconds % 86_400);
    char[] out = new char[30];
    int n = digits(out, 0, date.getYear(), 4);
    out[n++] = '-';
    n = digits(out, n, date.getMonthValue(), 2);
    out[n++] = '-';
    n = digits(out, n, date.getDayOfMonth(), 2);
    out[n++] = 'T';
    n = digits(out, n, secondOfDay / 3600, 2);
    out[n++] = ':';
    n = digits(out, n, secondOfDay / 60 % 60, 2);
    out[n++] = ':';
    n = digits(out, n, secondOfDay % 60, 2);
    n = fraction(out, n, at.getNano());
    out[n++] = 'Z';
    return new String(out, 0, n);
  }

  // Like ISO_INSTANT: none, or 3, 6 or 9 digits, whichever shows every non-zero one.
  private static int fraction(char[] out, int n, int nanos) {
    if (nanos == 0) {
      return n;
    }
    out[n++] = '.';
    if (nanos % 1_000_000 == 0) {
      return digits(out, n, nanos / 1_000_000, 3);
    }
    if (nanos % 1_000 == 0) {
      return digits(out, n, nanos / 1_000, 6);
    }
    return digits(out, n, nanos, 9);
  }

  private static int digits(char[] out, int n, int value, int width) {
    for (int i = n + width - 1; i >= n; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return n + width;
  }

  /** An unsynchronized writer into a {@link StringBuilder}. */
  private static final class Appender extends Writer {
    private final StringBuilder target;

    Appender(StringBuilder target) {
      this.target = target;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      target.append(chars, offset, length);
    }

    @Override
    public void write(String chars, int offset, int length) {
      target.append(chars, offset, offset + length);
    }

    @Override
    public void flush() {
      // nothing buffered here
    }

    @Override
    public void close() {
      // nothing to release
    }
  }
}
