package dev.olympus.otel;

import dev.olympus.tools.Tool;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** An OpenTelemetry SDK that keeps what it records in memory, for assertions. */
final class TelemetryFixture implements AutoCloseable {
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  // The spans started and not yet ended: what the bridge leaves open.
  private final Set<String> open = ConcurrentHashMap.newKeySet();
  final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
                  .addSpanProcessor(new OpenSpans(open))
                  .build())
          .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
          .build();

  List<SpanData> finished() {
    return spans.getFinishedSpanItems();
  }

  SpanData only(Predicate<SpanData> which, String what) {
    List<SpanData> found = finished().stream().filter(which).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one " + what + " but found " + found);
    }
    return found.get(0);
  }

  SpanData named(String name) {
    return only(s -> s.getName().equals(name), name);
  }

  /** The names of the spans started and not ended. */
  Set<String> open() {
    return Set.copyOf(open);
  }

  static boolean isRoot(SpanData span) {
    return span.getParentSpanId().equals(SpanId.getInvalid());
  }

  /** A tool that counts {@code running} down, then runs until its call is cancelled. */
  static Tool waitingUntilCancelled(CountDownLatch running) {
    return Tool.builder("test.waits")
        .description("Runs until cancelled")
        .handler(
            (input, context) -> {
              running.countDown();
              while (true) {
                context.throwIfCancelled("test.waits");
                LockSupport.parkNanos(5_000_000);
              }
            });
  }

  /** The points of the remaining-budget gauge. */
  Stream<DoublePointData> budgetsLeft() {
    return metric("olympus.budget.remaining")
        .orElseThrow()
        .getDoubleGaugeData()
        .getPoints()
        .stream();
  }

  Optional<MetricData> metric(String name) {
    return metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(name)).findFirst();
  }

  @Override
  public void close() {
    sdk.close();
  }

  /** Keeps the names and ids of the spans started and not yet ended. */
  private record OpenSpans(Set<String> open) implements SpanProcessor {
    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
      open.add(key(span));
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      open.remove(key(span));
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    private static String key(ReadableSpan span) {
      return span.getName() + " " + span.getSpanContext().getSpanId();
    }
  }
}
