package dev.olympus.executor.internal.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.ChatBudgetExceededException;
import dev.olympus.executor.ChatListener;
import dev.olympus.executor.ChatToolCall;
import dev.olympus.executor.Reply;
import dev.olympus.executor.internal.Failures;
import dev.olympus.llm.BudgetExceededException;
import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.FinishReason;
import dev.olympus.llm.LlmException;
import dev.olympus.llm.Usage;
import dev.olympus.memory.Citation;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.Money;
import dev.olympus.plan.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One message of a chat: records it, summarizes what left the window, retrieves passages, then runs
 * the tool loop until the model answers or a limit is reached. Every message, tool outcome and
 * model call is logged as it happens, so a crash loses at most the round in flight, and a takeover
 * by another executor keeps what was logged before it ({@link ChatLog}). Runs under the session's
 * lock.
 */
final class ChatTurn {
  private final DefaultChatSession session;
  private final ChatListener listener;
  private final boolean streaming;
  private final Cancellation cancellation;
  private final Cancellation toolCancellation = new Cancellation();
  private final List<ChatToolCall> calls = new ArrayList<>();
  private final List<Citation> citations = new ArrayList<>();
  private Usage usage = Usage.NONE;
  private Money cost = Money.ZERO;
  private int rounds;
  private int turn;
  private String text = "";

  ChatTurn(
      DefaultChatSession session,
      ChatListener listener,
      boolean streaming,
      Cancellation cancellation) {
    this.session = session;
    this.listener = new SerialChatListener(listener);
    this.streaming = streaming;
    this.cancellation = cancellation;
    cancellation.onCancel(toolCancellation::cancel);
  }

  Reply run(String message) {
    ChatState state = session.state();
    turn = state.turns() + 1;
    checkBudget(); // before anything is recorded: a refused message leaves no trace but the refusal
    ChatMessage user = ChatMessage.user(message);
    state.add(user);
    session.log().message(turn, user);
    summarize();
    String passages = retrieve(message);
    for (int round = 1; round <= session.options().maxRounds(); round++) {
      if (round > 1) {
        checkBudget();
      }
      if (cancellation.isCancelled()) {
        return stop("", Reply.Stop.CANCELLED);
      }
      ChatResponse response = call(round, passages);
      text = response.text();
      ChatMessage assistant = ChatMessage.assistant(response.text(), response.toolCalls());
      state.add(assistant);
      session.log().message(turn, assistant);
      Optional<Reply.Stop> stop = act(round, response);
      if (stop.isPresent()) {
        return stop(response.text(), stop.get());
      }
    }
    throw new IllegalStateException("the loop ends in its last round");
  }

  // Runs the round's tool calls; returns why the loop ends, or empty to go on.
  private Optional<Reply.Stop> act(int round, ChatResponse response) {
    List<ToolCall> requested = response.toolCalls();
    boolean cancelled = response.finishReason() == FinishReason.CANCELLED;
    if (requested.isEmpty()) {
      return Optional.of(cancelled ? Reply.Stop.CANCELLED : Reply.Stop.ANSWERED);
    }
    int max = session.options().maxRounds();
    int allowed = Math.max(0, session.options().maxToolCalls() - calls.size());
    String why =
        "the tool call limit of " + session.options().maxToolCalls() + " per message was reached";
    Reply.Stop stop = Reply.Stop.TOOL_CALL_LIMIT;
    if (cancelled) {
      allowed = 0;
      why = "the message was cancelled";
      stop = Reply.Stop.CANCELLED;
    } else if (round == max) {
      allowed = 0;
      why = "the round limit of " + max + " per message was reached";
      stop = Reply.Stop.ROUND_LIMIT;
    }
    ChatToolRunner.Round context =
        new ChatToolRunner.Round(
            session.id(), turn, round, session.offered(), toolCancellation, listener);
    List<ChatToolCall> outcomes = session.runner().run(context, requested, allowed, why);
    for (int i = 0; i < outcomes.size(); i++) {
      answer(requested.get(i), outcomes.get(i));
    }
    return allowed < requested.size() ? Optional.of(stop) : Optional.empty();
  }

  private void answer(ToolCall call, ChatToolCall outcome) {
    calls.add(outcome);
    ChatMessage result =
        ChatMessage.toolResult(call, ChatResults.forModel(outcome.outcome(), session.options()));
    session.state().add(result);
    session.log().message(turn, result);
    session.log().append(ChatLog.TOOL, turn, ChatResults.describe(outcome));
  }

  private ChatResponse call(int round, String passages) {
    ChatRequest.Builder request =
        ChatRequest.builder()
            .messages(session.window().prompt(session.state(), passages))
            .tools(session.specs())
            .budget(
                session
                    .allowance()
                    .context(session.id(), "turn-" + turn + ".round-" + round, session.state()));
    session.options().modelHint().ifPresent(request::modelHint);
    session.options().maxTokens().ifPresent(request::maxTokens);
    rounds = round;
    ChatResponse response = ask(request.build(), streaming);
    account(round, "round", response);
    return response;
  }

  private ChatResponse ask(ChatRequest request, boolean stream) {
    try {
      return stream
          ? session.router().stream(request, listener::onToken, cancellation)
          : session.router().chat(request);
    } catch (BudgetExceededException e) {
      throw refused(e.getMessage(), e);
    } catch (LlmException e) {
      logStop("FAILED", Failures.describe(e));
      throw e;
    }
  }

  private void account(int round, String purpose, ChatResponse response) {
    usage =
        new Usage(
            usage.promptTokens() + response.usage().promptTokens(),
            usage.completionTokens() + response.usage().completionTokens());
    cost = cost.plus(response.cost());
    session.state().spent(response.usage(), response.cost().amount());
    // The day's counters first: the call was paid for even if the session was lost meanwhile.
    session.allowance().charge(response);
    session.log().usage(turn, round, purpose, response);
  }

  private void summarize() {
    Optional<List<ChatMessage>> request = session.window().summaryRequest(session.state());
    if (request.isEmpty()) {
      return;
    }
    int upTo = session.window().firstKept(session.state());
    try {
      ChatRequest summary =
          ChatRequest.builder()
              .messages(request.get())
              .budget(
                  session
                      .allowance()
                      .context(session.id(), "turn-" + turn + ".summary", session.state()))
              .build();
      ChatResponse response = ask(summary, false);
      account(0, "summary", response);
      session.state().summarized(response.text(), upTo);
      ObjectNode data = ChatLog.object().put("text", response.text()).put("turns", upTo);
      session.log().append(ChatLog.SUMMARY, turn, data);
    } catch (LlmException e) {
      // Without a summary the older turns are simply left out of the prompt.
      org.slf4j.LoggerFactory.getLogger(ChatTurn.class)
          .warn("could not summarize chat {}: {}", session.id(), Failures.describe(e));
    }
  }

  private String retrieve(String message) {
    int k = session.options().retrieval();
    if (k == 0) {
      return "";
    }
    session
        .memory()
        .documents()
        .search(message, k, session.options().retrievalFilter())
        .forEach(hit -> citations.add(hit.citation()));
    if (citations.isEmpty()) {
      return "";
    }
    session.log().append(ChatLog.RETRIEVAL, turn, ChatResults.citations(citations));
    return ChatResults.passages(citations);
  }

  private void checkBudget() {
    Optional<String> spent = session.allowance().exhausted(session.state());
    if (spent.isPresent()) {
      throw refused(spent.get(), null);
    }
  }

  private ChatBudgetExceededException refused(String why, Throwable cause) {
    logStop("BUDGET", why);
    return new ChatBudgetExceededException(why, reply(text, Reply.Stop.BUDGET), cause);
  }

  private Reply stop(String text, Reply.Stop stop) {
    logStop(stop.name(), "");
    return reply(text, stop);
  }

  private Reply reply(String text, Reply.Stop stop) {
    return new Reply(text, calls, citations, usage, cost, rounds, stop);
  }

  private void logStop(String stop, String detail) {
    ObjectNode data =
        ChatLog.object().put("stop", stop).put("rounds", rounds).put("detail", detail);
    session.log().append(ChatLog.STOPPED, turn, data);
  }
}
