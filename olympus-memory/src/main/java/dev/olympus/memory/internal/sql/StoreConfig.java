package dev.olympus.memory.internal.sql;

import dev.olympus.memory.ChunkerOptions;
import dev.olympus.memory.Embedder;
import dev.olympus.memory.MemoryLimits;
import dev.olympus.memory.RetentionPolicy;
import dev.olympus.memory.VectorSearch;
import java.time.Clock;
import java.util.Optional;

/** The settings every store shares, as a store's builder was given them (the key copied). */
public record StoreConfig(
    MemoryLimits limits,
    Optional<Embedder> embedder,
    Optional<byte[]> hmacKey,
    Clock clock,
    RetentionPolicy retention,
    ChunkerOptions chunker,
    VectorSearch vectorSearch) {}
