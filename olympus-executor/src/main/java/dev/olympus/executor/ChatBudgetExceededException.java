package dev.olympus.executor;

import dev.olympus.executor.internal.Checks;

/**
 * A chat message stopped because a budget is spent: the session's or the day's chat budget, or one
 * the model router enforces (its daily dollar budget). Nothing was sent to the model past the
 * budget. {@link #partial()} holds what the message achieved before it stopped; the conversation
 * stays consistent (every tool call in it has its result) and can go on once budget is available.
 */
public final class ChatBudgetExceededException extends ExecutorException {
  private static final long serialVersionUID = 1L;

  /** What the message achieved before the budget ran out; not serialized. */
  private final transient Reply partial;

  /**
   * Creates the exception.
   *
   * @param message which budget is spent
   * @param partial what the message achieved before it stopped
   * @param cause the router's refusal, if it refused
   * @throws NullPointerException if {@code message} or {@code partial} is null
   */
  public ChatBudgetExceededException(String message, Reply partial, Throwable cause) {
    super(Checks.notNull(message, "message"), cause);
    this.partial = Checks.notNull(partial, "partial");
  }

  /** What the message achieved before the budget ran out: tool calls made, usage, cost. */
  public Reply partial() {
    return partial;
  }
}
