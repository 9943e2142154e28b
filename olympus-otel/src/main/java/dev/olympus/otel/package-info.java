/** OpenTelemetry for Olympus: start with {@link dev.olympus.otel.OlympusTelemetry#create}. */
package dev.olympus.otel;
