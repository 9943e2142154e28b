package dev.olympus.tools.internal.code;

import java.time.Duration;

/**
 * Limits of {@code code.run}.
 *
 * @param timeout the longest a run may take
 * @param maxOutputBytes the bytes kept of each of stdout and stderr
 * @param maxMemoryBytes the address-space limit, applied with prlimit
 * @param allowNetwork whether code inside bubblewrap may use the network
 */
public record CodeLimits(
    Duration timeout, int maxOutputBytes, long maxMemoryBytes, boolean allowNetwork) {}
