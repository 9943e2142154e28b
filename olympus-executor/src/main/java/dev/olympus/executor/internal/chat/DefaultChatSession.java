package dev.olympus.executor.internal.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.ChatListener;
import dev.olympus.executor.ChatOptions;
import dev.olympus.executor.ChatSession;
import dev.olympus.executor.ModelNotConfiguredException;
import dev.olympus.executor.OwnershipLostException;
import dev.olympus.executor.Planner;
import dev.olympus.executor.PlanningContext;
import dev.olympus.executor.PlanningResult;
import dev.olympus.executor.Reply;
import dev.olympus.executor.internal.Checks;
import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.Usage;
import dev.olympus.memory.Lease;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.Money;
import dev.olympus.plan.ToolCall;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** A {@link ChatSession}: the conversation's state and the parts its messages use. Thread-safe. */
final class DefaultChatSession implements ChatSession {
  private final String id;
  private final Lease lease;
  private final ChatOptions options;
  private final ChatSessions owner;
  private final ChatLog log;
  private final ChatState state;
  private final ChatWindow window;
  private final ChatAllowance allowance;
  private final Set<String> offered;
  private final List<JsonNode> specs;
  private final ReentrantLock lock = new ReentrantLock(true);
  private volatile boolean closed;
  private volatile boolean lost;

  DefaultChatSession(
      Lease lease,
      ChatOptions options,
      ChatSessions owner,
      Set<String> offered,
      List<JsonNode> specs) {
    this.id = lease.resource().substring("chat/".length());
    this.lease = lease;
    this.options = options;
    this.owner = owner;
    this.log = new ChatLog(owner.memory(), lease, id, owner.clock(), this::lose);
    this.state = ChatState.replay(log.events());
    this.window = new ChatWindow(options);
    this.allowance =
        new ChatAllowance(
            options.sessionBudget(),
            options.dailyBudget(),
            owner.memory().counters(),
            owner.clock());
    this.offered = Set.copyOf(offered);
    this.specs = List.copyOf(specs);
    closeInterruptedCalls();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Reply send(String message) {
    return turn(message, new ChatListener() {}, false, new Cancellation());
  }

  @Override
  public Reply stream(String message, ChatListener listener, Cancellation cancellation) {
    Checks.notNull(listener, "listener");
    Checks.notNull(cancellation, "cancellation");
    return turn(message, listener, true, cancellation);
  }

  private Reply turn(String message, ChatListener listener, boolean stream, Cancellation cancel) {
    Checks.notBlank(message, "message");
    if (owner.router().isEmpty()) {
      throw new ModelNotConfiguredException("chat");
    }
    return locked(() -> new ChatTurn(this, listener, stream, cancel).run(message));
  }

  @Override
  public List<ChatMessage> history() {
    return locked(state::messages);
  }

  @Override
  public Usage usage() {
    return locked(state::usage);
  }

  @Override
  public Money cost() {
    return locked(state::cost);
  }

  @Override
  public PlanningResult escalate(Planner planner) {
    Checks.notNull(planner, "planner");
    return locked(() -> plan(planner, proposal()));
  }

  @Override
  public PlanningResult escalate(Planner planner, String goal) {
    Checks.notNull(planner, "planner");
    Checks.notBlank(goal, "goal");
    return locked(() -> plan(planner, goal));
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      owner.closed(this);
    }
  }

  private String proposal() {
    ChatMessage user =
        state
            .latest(ChatMessage.Role.USER)
            .orElseThrow(() -> new IllegalStateException("chat " + id + " has no messages yet"));
    String goal = user.content();
    Optional<ChatMessage> answer = state.latest(ChatMessage.Role.ASSISTANT);
    return answer.isEmpty()
        ? goal
        : goal + "\n\nThe assistant proposed:\n" + answer.get().content();
  }

  private PlanningResult plan(Planner planner, String goal) {
    PlanningContext context =
        PlanningContext.newSession().withSessionId(id + "/plan-" + UUID.randomUUID());
    if (!state.summary().isBlank()) {
      context = context.withNote("Earlier in the conversation: " + state.summary());
    }
    Optional<Budget> left = remainingBudget();
    if (left.isPresent()) {
      context = context.withBudget(left.get());
    }
    PlanningResult result = planner.plan(goal, context);
    ObjectNode data =
        ChatLog.object().put("goal", goal).put("planningSession", context.sessionId());
    data.put("planId", result.plan().id()).put("blocked", result.blocked());
    log.append(ChatLog.ESCALATED, Math.max(1, state.turns()), data);
    return result;
  }

  private Optional<Budget> remainingBudget() {
    Budget budget = options.sessionBudget();
    if (budget.isUnlimited()) {
      return Optional.empty();
    }
    Budget left = Budget.unlimited();
    if (budget.maxTokens().isPresent()) {
      left = left.andTokens(Math.max(1, budget.maxTokens().getAsLong() - state.tokens()));
    }
    if (budget.maxUsd().isPresent()) {
      left = left.andUsd(budget.maxUsd().get().minus(state.cost()));
    }
    return Optional.of(left);
  }

  // A crash between a round's tool calls and their results leaves calls unanswered: answer them,
  // so the conversation never holds a tool call without its result.
  private void closeInterruptedCalls() {
    for (ToolCall call : state.unanswered()) {
      ChatMessage result =
          ChatMessage.toolResult(
              call,
              "{\"error\":\"interrupted\",\"message\":\"The session stopped before this call"
                  + " finished; it may or may not have run.\"}");
      state.add(result);
      log.message(state.turns(), result);
      ObjectNode data = ChatLog.object().put("callId", call.id()).put("tool", call.toolId());
      log.append(ChatLog.TOOL, state.turns(), data.put("status", "INTERRUPTED"));
    }
  }

  private <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      Checks.state(!closed, "chat session " + id + " is closed");
      if (lost) {
        throw new OwnershipLostException(id, null);
      }
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Another executor claimed this session (the renewal noticed, or the store refused a write):
   * refuse every further call.
   */
  void lose() {
    lost = true;
  }

  Lease lease() {
    return lease;
  }

  String sessionId() {
    return id;
  }

  ChatOptions options() {
    return options;
  }

  ChatLog log() {
    return log;
  }

  ChatState state() {
    return state;
  }

  ChatWindow window() {
    return window;
  }

  ChatAllowance allowance() {
    return allowance;
  }

  Set<String> offered() {
    return offered;
  }

  List<JsonNode> specs() {
    return specs;
  }

  ChatToolRunner runner() {
    return owner.runner();
  }

  MemoryStore memory() {
    return owner.memory();
  }

  LlmRouter router() {
    return owner.router().orElseThrow(() -> new ModelNotConfiguredException("chat"));
  }
}
