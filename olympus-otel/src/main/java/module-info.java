/**
 * The Olympus OpenTelemetry bridge: {@code OlympusTelemetry} turns what the executor, the router
 * and the tools report through their listener APIs into spans and metrics. The core modules have no
 * OpenTelemetry dependency; only this one does.
 */
// OpenTelemetry's jars are automatic modules; hosts pass an OpenTelemetry, so its API is
// transitive.
@SuppressWarnings("requires-transitive-automatic")
module dev.olympus.otel {
  requires transitive dev.olympus.executor;
  requires transitive io.opentelemetry.api;
  requires io.opentelemetry.context;

  exports dev.olympus.otel;
}
