package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.plan.ToolCall;
import java.util.List;
import java.util.Optional;

/**
 * One message of a conversation.
 *
 * <pre>{@code
 * List<ChatMessage> messages = List.of(
 *     ChatMessage.system("You are terse."),
 *     ChatMessage.user("What is 2 + 2?"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param role who wrote the message
 * @param content the text; may be empty (an assistant message that only calls tools)
 * @param toolCalls the tools an assistant message called; empty for other roles
 * @param toolCallId for a {@link Role#TOOL} message, the id of the call it answers
 * @param toolName for a {@link Role#TOOL} message, the name of the tool that answered
 */
public record ChatMessage(
    Role role,
    String content,
    List<ToolCall> toolCalls,
    Optional<String> toolCallId,
    Optional<String> toolName) {

  /** Who wrote a message. */
  public enum Role {
    /** Instructions for the model. */
    SYSTEM,
    /** The user. */
    USER,
    /** The model. */
    ASSISTANT,
    /** The result of a tool call. */
    TOOL;

    /** The role's name on the wire: {@code system}, {@code user}, ... */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null or {@code toolCalls} holds a null
   * @throws IllegalArgumentException if tool calls are given for a role other than assistant
   */
  public ChatMessage {
    Checks.notNull(role, "role");
    Checks.notNull(content, "content");
    toolCalls = List.copyOf(Checks.noNulls(toolCalls, "toolCalls"));
    Checks.notNull(toolCallId, "toolCallId");
    Checks.notNull(toolName, "toolName");
    Checks.argument(
        toolCalls.isEmpty() || role == Role.ASSISTANT,
        "only assistant messages carry tool calls, not " + role);
  }

  /**
   * A system message.
   *
   * @throws NullPointerException if {@code content} is null
   */
  public static ChatMessage system(String content) {
    return of(Role.SYSTEM, content);
  }

  /**
   * A user message.
   *
   * @throws NullPointerException if {@code content} is null
   */
  public static ChatMessage user(String content) {
    return of(Role.USER, content);
  }

  /**
   * An assistant message without tool calls.
   *
   * @throws NullPointerException if {@code content} is null
   */
  public static ChatMessage assistant(String content) {
    return of(Role.ASSISTANT, content);
  }

  /**
   * An assistant message that called tools, to replay a conversation.
   *
   * @throws NullPointerException if an argument is null
   */
  public static ChatMessage assistant(String content, List<ToolCall> toolCalls) {
    return new ChatMessage(Role.ASSISTANT, content, toolCalls, Optional.empty(), Optional.empty());
  }

  /**
   * The result of running {@code call}, to send back to the model.
   *
   * @throws NullPointerException if an argument is null
   */
  public static ChatMessage toolResult(ToolCall call, String content) {
    Checks.notNull(call, "call");
    return new ChatMessage(
        Role.TOOL, content, List.of(), Optional.of(call.id()), Optional.of(call.toolId()));
  }

  private static ChatMessage of(Role role, String content) {
    return new ChatMessage(role, content, List.of(), Optional.empty(), Optional.empty());
  }
}
