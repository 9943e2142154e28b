package dev.olympus.executor;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Follows a streamed chat message as it happens: the model's text token by token and each tool call
 * as it starts and ends.
 *
 * <pre>{@code
 * Reply reply = session.stream("What changed in report.txt?", new ChatListener() {
 *   public void onToken(String text) { ui.append(text); }
 *   public void onToolCallFinished(ChatToolCall call) { ui.status(call.call().toolId() + ": " + call.outcome()); }
 * });
 * }</pre>
 *
 * <p>Calls arrive one at a time (never concurrently), though read-only tool calls may report from
 * worker threads. If a callback throws, the exception is logged and the conversation goes on.
 */
public interface ChatListener {
  /**
   * Receives the next piece of the model's text (never empty).
   *
   * @param text the new text
   */
  default void onToken(String text) {}

  /**
   * A tool call is about to be checked, put to consent and run.
   *
   * @param callId the model's id for the call
   * @param toolId the tool's id, or the model's function name if it named no known tool
   * @param arguments the arguments (a copy)
   * @param round the round of the loop, from 1
   */
  default void onToolCallStarted(String callId, String toolId, JsonNode arguments, int round) {}

  /**
   * A tool call ended: it ran, failed, was refused or was not run.
   *
   * @param call the call and its outcome
   */
  default void onToolCallFinished(ChatToolCall call) {}
}
