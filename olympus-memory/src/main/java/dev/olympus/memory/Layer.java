package dev.olympus.memory;

/** The layers of a {@link MemoryStore}, as named by retention policies and reports. */
public enum Layer {
  /** The audit log. */
  EVENTS,
  /** Plan checkpoints. */
  CHECKPOINTS,
  /** The response cache. */
  CACHE,
  /** Long-term facts. */
  FACTS,
  /** Entities and relations. */
  GRAPH,
  /** Documents and their chunks. */
  DOCUMENTS
}
