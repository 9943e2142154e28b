package dev.olympus.llm;

/** Why the model stopped generating. */
public enum FinishReason {
  /** It finished its answer. */
  STOP,
  /** It reached the completion cap. */
  LENGTH,
  /** It wants tools called. */
  TOOL_CALLS,
  /** The provider filtered the content. */
  CONTENT_FILTER,
  /** The caller cancelled a stream. */
  CANCELLED,
  /** The provider gave a reason this enum does not know. */
  OTHER
}
