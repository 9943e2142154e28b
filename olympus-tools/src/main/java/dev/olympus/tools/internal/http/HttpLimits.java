package dev.olympus.tools.internal.http;

import java.time.Duration;

/**
 * Limits of the HTTP tools.
 *
 * @param maxResponseBytes the most body bytes read; the rest is cut and reported as truncated
 * @param timeout the longest a request may take, also bounded by the call's deadline
 * @param maxRedirects the most redirects followed
 */
public record HttpLimits(long maxResponseBytes, Duration timeout, int maxRedirects) {}
