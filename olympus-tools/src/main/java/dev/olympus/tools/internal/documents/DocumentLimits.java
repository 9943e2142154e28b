package dev.olympus.tools.internal.documents;

import java.time.Duration;

/**
 * Limits of the document loader.
 *
 * @param maxBytes the largest document accepted
 * @param maxPages the most pages a PDF may have
 * @param maxChars the longest extracted text, and the most glyphs a PDF's text may show
 * @param maxDecodedBytes the most bytes a PDF's compressed streams (other than images) may inflate
 *     to
 * @param timeout the longest one extraction may take
 */
public record DocumentLimits(
    long maxBytes, int maxPages, int maxChars, long maxDecodedBytes, Duration timeout) {}
