package dev.olympus.llm;

/** Why the model stopped generating. */
public enum FinishReason {
  /** It finished its answer. */
  STOP,
  /** It reached the completion cap (the server's, or ours when a server ignored it). */
  LENGTH,
  /** It wants tools called. */
  TOOL_CALLS,
  /** The provider filtered the content. */
  CONTENT_FILTER,
  /**
   * The model refused to answer (OpenAI's {@code refusal}, with structured outputs); the response's
   * text is the refusal, not an answer.
   */
  REFUSAL,
  /** The caller cancelled a stream. */
  CANCELLED,
  /** The provider gave a reason this enum does not know. */
  OTHER
}
