package dev.olympus.executor.internal.chat;

import dev.olympus.executor.ChatOptions;
import dev.olympus.llm.ChatMessage;
import dev.olympus.plan.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What of a conversation goes into a request: the system prompt, the summary of the turns before
 * the window, the last {@link ChatOptions#windowTurns()} turns verbatim, and retrieved passages
 * just before the current turn. Turns are cut only where a user message starts, so a tool call is
 * never sent without its result.
 */
final class ChatWindow {
  private static final int SUMMARY_PIECE = 2_000;
  private static final String SUMMARIZER =
      "You keep a running summary of a conversation between a user and an assistant that can call"
          + " tools. Merge the earlier summary with the new part of the conversation. Keep facts,"
          + " decisions, names, file paths, numbers, tool results that matter and open tasks. Answer"
          + " with the summary only.";

  private final ChatOptions options;

  ChatWindow(ChatOptions options) {
    this.options = options;
  }

  /** The first turn (0-based) sent verbatim. */
  int firstKept(ChatState state) {
    return Math.max(0, state.turns() - options.windowTurns());
  }

  /** The messages of a request for the current (last) turn, with {@code passages} if not blank. */
  List<ChatMessage> prompt(ChatState state, String passages) {
    List<ChatMessage> prompt = new ArrayList<>();
    options.systemPrompt().map(ChatMessage::system).ifPresent(prompt::add);
    if (!state.summary().isBlank()) {
      prompt.add(ChatMessage.system("Summary of the earlier conversation:\n" + state.summary()));
    }
    int current = state.turns() - 1;
    prompt.addAll(state.turns(firstKept(state), current));
    if (!passages.isBlank()) {
      prompt.add(ChatMessage.system(passages));
    }
    prompt.addAll(state.fromTurn(current));
    return prompt;
  }

  /** The messages asking the model to fold the turns that left the window into the summary. */
  Optional<List<ChatMessage>> summaryRequest(ChatState state) {
    int upTo = firstKept(state);
    if (!options.summarize() || upTo <= state.summarizedTurns()) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder();
    if (!state.summary().isBlank()) {
      text.append("Earlier summary:\n").append(state.summary()).append("\n\n");
    }
    text.append("New part of the conversation:\n");
    state.turns(state.summarizedTurns(), upTo).forEach(m -> render(text, m));
    return Optional.of(List.of(ChatMessage.system(SUMMARIZER), ChatMessage.user(text.toString())));
  }

  private static void render(StringBuilder out, ChatMessage message) {
    switch (message.role()) {
      case USER -> out.append("User: ").append(cut(message.content())).append('\n');
      case ASSISTANT -> {
        if (!message.content().isBlank()) {
          out.append("Assistant: ").append(cut(message.content())).append('\n');
        }
        for (ToolCall call : message.toolCalls()) {
          out.append("Assistant called ").append(call.toolId()).append(' ');
          out.append(cut(call.input().toString())).append('\n');
        }
      }
      case TOOL ->
          out.append("Tool ")
              .append(message.toolName().orElse("result"))
              .append(" answered: ")
              .append(cut(message.content()))
              .append('\n');
      case SYSTEM -> {
        // system messages are not part of the stored conversation
      }
    }
  }

  static String cut(String text) {
    return text.length() <= SUMMARY_PIECE ? text : text.substring(0, SUMMARY_PIECE) + "…";
  }
}
