package dev.olympus.llm.spi;

/** A feature a provider may support; the router skips providers that lack what a call needs. */
public enum Capability {
  /** Native tool (function) calling. */
  TOOLS,
  /** JSON mode: any JSON object. */
  JSON_MODE,
  /** Structured output: JSON that matches a given schema. */
  JSON_SCHEMA,
  /** Token streaming. */
  STREAMING,
  /** Text embeddings. */
  EMBEDDINGS
}
