package dev.olympus.executor.internal.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.Usage;
import dev.olympus.plan.Money;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.ToolCall;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A session's conversation in memory: its messages, where each turn starts, the summary of the
 * turns before the window, and what the session spent. Rebuilt from the log on open; guarded by the
 * session's lock.
 */
final class ChatState {
  private final List<ChatMessage> messages = new ArrayList<>();
  private final List<Integer> turnStarts = new ArrayList<>();
  private String summary = "";
  private int summarizedTurns;
  private long promptTokens;
  private long completionTokens;
  private BigDecimal usd = BigDecimal.ZERO;

  /** Rebuilds the state from a session's events. */
  static ChatState replay(List<PlanEvent> events) {
    ChatState state = new ChatState();
    for (PlanEvent event : events) {
      JsonNode data = event.data();
      switch (event.kind()) {
        case ChatLog.MESSAGE -> state.add(ChatLog.decode(data));
        case ChatLog.SUMMARY ->
            state.summarized(data.path("text").asText(), data.path("turns").asInt());
        case ChatLog.USAGE ->
            state.spent(
                new Usage(
                    data.path("promptTokens").asLong(), data.path("completionTokens").asLong()),
                new BigDecimal(data.path("usd").asText("0")));
        default -> {
          // other kinds describe the conversation; they do not change it
        }
      }
    }
    return state;
  }

  void add(ChatMessage message) {
    if (message.role() == ChatMessage.Role.USER) {
      turnStarts.add(messages.size());
    }
    messages.add(message);
  }

  void summarized(String text, int turns) {
    summary = text;
    summarizedTurns = turns;
  }

  void spent(Usage usage, BigDecimal amount) {
    promptTokens += usage.promptTokens();
    completionTokens += usage.completionTokens();
    usd = usd.add(amount);
  }

  /** The tool calls of assistant messages that have no result after them (a crash mid-round). */
  List<ToolCall> unanswered() {
    List<ToolCall> open = new ArrayList<>();
    Set<String> answered = new HashSet<>();
    for (int i = messages.size() - 1; i >= 0; i--) {
      ChatMessage message = messages.get(i);
      message.toolCallId().ifPresent(answered::add);
      if (message.role() == ChatMessage.Role.ASSISTANT && !message.toolCalls().isEmpty()) {
        message.toolCalls().stream().filter(c -> !answered.contains(c.id())).forEach(open::add);
        return open;
      }
      if (message.role() == ChatMessage.Role.USER) {
        return open;
      }
    }
    return open;
  }

  List<ChatMessage> messages() {
    return List.copyOf(messages);
  }

  /** Messages from the start of turn {@code turn} (0-based) to the end. */
  List<ChatMessage> fromTurn(int turn) {
    return turn >= turnStarts.size()
        ? List.of()
        : List.copyOf(messages.subList(turnStarts.get(turn), messages.size()));
  }

  /** Messages of turns {@code from} (inclusive) to {@code to} (exclusive). */
  List<ChatMessage> turns(int from, int to) {
    int end = to >= turnStarts.size() ? messages.size() : turnStarts.get(to);
    return from >= turnStarts.size() ? List.of() : messages.subList(turnStarts.get(from), end);
  }

  int turns() {
    return turnStarts.size();
  }

  String summary() {
    return summary;
  }

  int summarizedTurns() {
    return summarizedTurns;
  }

  Usage usage() {
    return new Usage(promptTokens, completionTokens);
  }

  long tokens() {
    return promptTokens + completionTokens;
  }

  Money cost() {
    return Money.usd(usd);
  }

  /** The latest message of {@code role}, if any. */
  java.util.Optional<ChatMessage> latest(ChatMessage.Role role) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == role && !messages.get(i).content().isBlank()) {
        return java.util.Optional.of(messages.get(i));
      }
    }
    return java.util.Optional.empty();
  }
}
