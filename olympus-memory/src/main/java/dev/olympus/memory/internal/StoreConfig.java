package dev.olympus.memory.internal;

import dev.olympus.memory.ChunkerOptions;
import dev.olympus.memory.Durability;
import dev.olympus.memory.Embedder;
import dev.olympus.memory.MemoryLimits;
import dev.olympus.memory.RetentionPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** The options a store was built with; an empty path means a temporary file. */
public record StoreConfig(
    Optional<Path> path,
    Durability durability,
    MemoryLimits limits,
    Optional<Embedder> embedder,
    Optional<byte[]> hmacKey,
    Clock clock,
    RetentionPolicy retention,
    ChunkerOptions chunker,
    int readers) {}
