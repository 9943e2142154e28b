package dev.olympus.otel;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** An OpenTelemetry SDK that keeps what it records in memory, for assertions. */
final class TelemetryFixture implements AutoCloseable {
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
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

  static boolean isRoot(SpanData span) {
    return span.getParentSpanId().equals(SpanId.getInvalid());
  }

  Optional<MetricData> metric(String name) {
    return metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(name)).findFirst();
  }

  @Override
  public void close() {
    sdk.close();
  }
}
