package dev.olympus.llm.internal;

import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.ChatRequest;
import dev.olympus.plan.ToolCall;
import java.util.List;

/**
 * Token estimates for budgets (before a call) and for providers that report no usage. Errs high:
 * about three characters per token, while English runs near four, plus a few tokens of framing per
 * message.
 */
public final class Tokens {
  private static final int PER_MESSAGE = 4;

  private Tokens() {}

  /** The estimated tokens of {@code text}. */
  public static long of(String text) {
    return (text.length() + 2) / 3;
  }

  /** The most characters that {@link #of(String)} counts as {@code tokens} tokens. */
  public static long chars(long tokens) {
    return tokens > Long.MAX_VALUE / 3 ? Long.MAX_VALUE : tokens * 3;
  }

  /** The estimated prompt tokens of {@code request}: messages, tool calls and tool definitions. */
  public static long prompt(ChatRequest request) {
    long tokens = 0;
    for (ChatMessage message : request.messages()) {
      tokens += PER_MESSAGE + of(message.content());
      for (ToolCall call : message.toolCalls()) {
        tokens += of(call.toolId()) + of(call.input().toString());
      }
    }
    for (var tool : request.tools()) {
      tokens += of(tool.toString());
    }
    return tokens;
  }

  /** The estimated tokens of {@code texts} together. */
  public static long of(List<String> texts) {
    return texts.stream().mapToLong(Tokens::of).sum();
  }
}
