package dev.olympus.otel.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongGauge;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/** The bridge's metric instruments, made once per meter. */
final class Instruments {
  final LongHistogram tokens;
  final DoubleHistogram modelDuration;
  final DoubleCounter cost;
  final LongCounter modelFailures;
  final DoubleHistogram stepDuration;
  final LongGauge breakerState;
  // What olympus.budget.remaining reports at each collection, by its attributes.
  final Map<Attributes, DoubleSupplier> budgets = new ConcurrentHashMap<>();

  Instruments(Meter meter) {
    tokens =
        meter
            .histogramBuilder("gen_ai.client.token.usage")
            .ofLongs()
            .setUnit("{token}")
            .setDescription("Tokens used by a model call, by gen_ai.token.type (input or output)")
            .setExplicitBucketBoundariesAdvice(
                List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L))
            .build();
    modelDuration =
        meter
            .histogramBuilder("gen_ai.client.operation.duration")
            .setUnit("s")
            .setDescription("How long a model call took, retries included")
            .build();
    cost =
        meter
            .counterBuilder("olympus.llm.cost")
            .ofDoubles()
            .setUnit("USD")
            .setDescription("What model calls cost in US dollars")
            .build();
    modelFailures =
        meter
            .counterBuilder("olympus.llm.failures")
            .setUnit("{call}")
            .setDescription("Model calls a provider failed after its retries, by error.type")
            .build();
    stepDuration =
        meter
            .histogramBuilder("olympus.step.duration")
            .setUnit("s")
            .setDescription("How long a step attempt took, with error.type when it failed")
            .build();
    breakerState =
        meter
            .gaugeBuilder("olympus.breaker.state")
            .ofLongs()
            .setUnit("1")
            .setDescription(
                "A provider's (olympus.llm.provider) or a tool's (gen_ai.tool.name) circuit"
                    + " breaker: 0 closed, 1 half open, 2 open")
            .build();
    meter
        .gaugeBuilder("olympus.budget.remaining")
        .setUnit("1")
        .setDescription(
            "What is left of a budget: tokens or US dollars, by olympus.budget.scope (plan.tokens"
                + " and plan.usd after a plan's latest model call, daily.usd of observed routers)")
        .buildWithCallback(
            gauge ->
                budgets.forEach(
                    (attributes, left) -> gauge.record(left.getAsDouble(), attributes)));
  }
}
