package dev.olympus.executor.internal.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.OwnershipLostException;
import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.ChatResponse;
import dev.olympus.memory.Lease;
import dev.olympus.memory.LeaseLostException;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.StoredEvent;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.ToolCall;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A chat session's events in the hash-chained log, under the session id as plan id. The
 * conversation is rebuilt from its {@code chat.message} events; {@code chat.summary}, {@code
 * chat.usage}, {@code chat.tool} and the others record what happened around it. Thread-safe.
 *
 * <p>Every event is appended under the session's lease ({@link
 * dev.olympus.memory.EventLog#append(Lease, PlanEvent)}), the consent decisions of its tool calls
 * too ({@link ChatSessions#record}), so once another executor has claimed the session nothing more
 * of this one's is written, even before its renewal notices: the refused write marks the session
 * lost and throws {@link OwnershipLostException}, and a tool call whose approval can no longer be
 * recorded does not run (the consent gate lets no unrecorded decision through). A turn cut off by
 * the loss keeps, in order, what it appended before the claim (its user message; of each round that
 * finished, the usage, the assistant message and the tool results) and nothing after it. The new
 * owner claims the session before it replays the log, so it replays exactly that: an unanswered
 * user message stays a turn without a reply, and tool calls without results are answered as
 * interrupted when it opens the session. A model call answered after the claim is charged to the
 * day's counters (shared by every session) but not to the session's usage.
 */
final class ChatLog {
  /** A message of the conversation; data: the message ({@link #encode}), {@code turn}. */
  static final String MESSAGE = "chat.message";

  /** A tool call's outcome; data: {@code turn, round, callId, tool, status, detail}. */
  static final String TOOL = "chat.tool";

  /** A model call's usage; data: {@code purpose, turn, round, tokens..., usd, provider, model}. */
  static final String USAGE = "chat.usage";

  /** A summary of the turns before {@code turns}; data: {@code text, turns}. */
  static final String SUMMARY = "chat.summary";

  /** Passages retrieved for a turn; data: {@code turn, citations}. */
  static final String RETRIEVAL = "chat.retrieval";

  /** Why a message's loop ended; data: {@code turn, rounds, stop, detail}. */
  static final String STOPPED = "chat.stopped";

  /** The task of the conversation handed to the planner; data: {@code goal, planningSession}. */
  static final String ESCALATED = "chat.escalated";

  private final MemoryStore memory;
  private final Lease lease;
  private final String sessionId;
  private final Clock clock;
  private final Runnable lost;

  /** A log written under {@code lease}; {@code lost} runs when the store refuses it. */
  ChatLog(MemoryStore memory, Lease lease, String sessionId, Clock clock, Runnable lost) {
    this.memory = memory;
    this.lease = lease;
    this.sessionId = sessionId;
    this.clock = clock;
    this.lost = lost;
  }

  /**
   * Appends an event of {@code kind} about turn {@code turn} (from 1).
   *
   * @throws OwnershipLostException if another executor has claimed the session (nothing appended)
   */
  void append(String kind, int turn, ObjectNode data) {
    data.put("turn", turn);
    append(
        PlanEvent.of(sessionId, kind, clock.instant())
            .withCorrelation(sessionId + "/turn-" + turn)
            .withData(data));
  }

  /**
   * Appends {@code event}, which is about this session.
   *
   * @throws OwnershipLostException if another executor has claimed the session (nothing appended)
   */
  void append(PlanEvent event) {
    try {
      memory.events().append(lease, event);
    } catch (LeaseLostException e) {
      lost.run();
      throw new OwnershipLostException(sessionId, e);
    }
  }

  /** Appends {@code message} to the conversation. */
  void message(int turn, ChatMessage message) {
    append(MESSAGE, turn, encode(message));
  }

  /** Records what a model call used. */
  void usage(int turn, int round, String purpose, ChatResponse response) {
    ObjectNode data = object().put("purpose", purpose).put("round", round);
    data.put("promptTokens", response.usage().promptTokens());
    data.put("completionTokens", response.usage().completionTokens());
    data.put("usd", response.cost().amount().toPlainString());
    data.put("provider", response.provider()).put("model", response.model());
    append(USAGE, turn, data.put("cached", response.cached()));
  }

  /** The session's events, in order, without redacted ones. */
  List<PlanEvent> events() {
    return memory.events().byPlan(sessionId).stream()
        .filter(e -> !e.redacted())
        .map(StoredEvent::event)
        .toList();
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ObjectNode encode(ChatMessage message) {
    ObjectNode out = object().put("role", message.role().wireName());
    out.put("content", message.content());
    ArrayNode calls = out.putArray("toolCalls");
    for (ToolCall call : message.toolCalls()) {
      calls
          .addObject()
          .put("id", call.id())
          .put("name", call.toolId())
          .set("arguments", call.input());
    }
    message.toolCallId().ifPresent(id -> out.put("toolCallId", id));
    message.toolName().ifPresent(name -> out.put("toolName", name));
    return out;
  }

  static ChatMessage decode(JsonNode data) {
    ChatMessage.Role role =
        ChatMessage.Role.valueOf(data.path("role").asText().toUpperCase(java.util.Locale.ROOT));
    List<ToolCall> calls = new java.util.ArrayList<>();
    for (JsonNode call : data.path("toolCalls")) {
      calls.add(
          new ToolCall(
              call.path("id").asText(), call.path("name").asText(), call.get("arguments")));
    }
    return new ChatMessage(
        role,
        data.path("content").asText(""),
        calls,
        optional(data, "toolCallId"),
        optional(data, "toolName"));
  }

  private static Optional<String> optional(JsonNode data, String field) {
    return data.hasNonNull(field) ? Optional.of(data.get(field).asText()) : Optional.empty();
  }
}
