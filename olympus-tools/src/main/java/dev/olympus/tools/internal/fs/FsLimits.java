package dev.olympus.tools.internal.fs;

/**
 * Limits of the file tools.
 *
 * @param maxReadBytes the largest file fs.read returns
 * @param maxWriteBytes the largest content fs.write accepts
 * @param maxListEntries the most entries fs.list returns
 * @param createParents whether fs.write creates missing parent directories
 */
public record FsLimits(
    long maxReadBytes, long maxWriteBytes, int maxListEntries, boolean createParents) {}
