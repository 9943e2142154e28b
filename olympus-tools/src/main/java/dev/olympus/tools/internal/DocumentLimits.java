package dev.olympus.tools.internal;

/**
 * Limits of the document loader.
 *
 * @param maxBytes the largest document accepted
 * @param maxPages the most pages a PDF may have
 * @param maxChars the longest extracted text
 */
public record DocumentLimits(long maxBytes, int maxPages, int maxChars) {}
