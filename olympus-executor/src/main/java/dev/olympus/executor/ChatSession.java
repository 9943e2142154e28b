package dev.olympus.executor;

import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.Usage;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.Money;
import java.util.List;

/**
 * A conversation with the model in which the model may call tools, under the same consent, budgets,
 * audit log and memory as plans. Obtained from {@link Olympus#chat(String)}; the conversation is
 * kept in the memory store under its session id, so opening the same id after a restart continues
 * it.
 *
 * <pre>{@code
 * try (ChatSession chat = olympus.chat("support-42")) {
 *   Reply reply = chat.send("Summarize docs/report.txt into notes.md");
 *   System.out.println(reply.text());
 *   reply.toolCalls().forEach(call -> System.out.println(call.toolId() + " -> " + call.outcome()));
 * }
 * }</pre>
 *
 * <p>Each message runs a tool loop: the model is offered the tools; each call it makes is checked
 * against the tool's schema, put to the consent provider like a plan step, run with the tool's
 * timeout and rate limit, and its result (or error, or the user's refusal) goes back to the model,
 * until it answers or {@link ChatOptions#maxRounds()} or {@link ChatOptions#maxToolCalls()} is
 * reached. Read-only calls of one round run concurrently. Budgets are checked before every round.
 *
 * <p>Thread-safe: messages to one session are handled one at a time, in the order they arrive. One
 * executor holds a session at a time (a lease in the store, see {@link PlanExecutor}); every method
 * throws {@link OwnershipLostException} once another executor has taken it over after this one
 * stalled past its lease. Every write of a session is fenced by that lease in the store, so a
 * stalled executor never writes into the conversation another one now holds, even before it notices
 * the loss: the message it is handling fails with {@link OwnershipLostException}, runs no tool call
 * approved after the takeover, and keeps only what it wrote before it (the user's message, the
 * rounds that finished), which the new owner continues from, answering tool calls left without a
 * result as interrupted. Session ids share the event log with plan ids: do not use a plan's id as a
 * session id.
 */
public interface ChatSession extends AutoCloseable {

  /** The session's id: the plan id of its events in the log. */
  String id();

  /**
   * Sends {@code message} and runs the tool loop until the model answers or a limit is reached.
   *
   * @throws NullPointerException if {@code message} is null
   * @throws IllegalArgumentException if {@code message} is blank
   * @throws IllegalStateException if the session is closed
   * @throws OwnershipLostException if another executor has taken the session over
   * @throws ModelNotConfiguredException if Olympus has no language model
   * @throws ChatBudgetExceededException if a budget ran out before or during the loop
   * @throws dev.olympus.llm.LlmException if the model could not be reached (what happened before is
   *     kept in the conversation)
   */
  Reply send(String message);

  /**
   * Like {@link #send(String)}, delivering the model's text and tool-call progress to {@code
   * listener} as they happen.
   *
   * @throws NullPointerException if an argument is null
   * @see #send(String)
   */
  default Reply stream(String message, ChatListener listener) {
    return stream(message, listener, new Cancellation());
  }

  /**
   * Like {@link #stream(String, ChatListener)}, stopping when {@code cancellation} fires: the text
   * so far is kept, tool calls not yet run are not run, and the reply's stop reason is {@link
   * Reply.Stop#CANCELLED}.
   *
   * @throws NullPointerException if an argument is null
   * @see #send(String)
   */
  Reply stream(String message, ChatListener listener, Cancellation cancellation);

  /**
   * The whole conversation as stored: user, assistant and tool messages, without the system prompt
   * and summaries.
   */
  List<ChatMessage> history();

  /** What the session's model calls used in total, across restarts. */
  Usage usage();

  /** What the session's model calls cost in total, across restarts. */
  Money cost();

  /**
   * Asks {@code planner} to turn the task under discussion into a plan, so the host can run it with
   * the durable executor ({@code olympus.executor().submit(result.plan())}) instead of inline. The
   * goal is the latest user message together with the assistant's latest answer (the proposal); the
   * earlier conversation's summary goes along as a note, and what is left of the session budget
   * becomes the plan's budget. The escalation is recorded in the session's log.
   *
   * @throws NullPointerException if {@code planner} is null
   * @throws IllegalStateException if the conversation is empty or the session closed
   * @throws OwnershipLostException if another executor has taken the session over
   * @see Planner#plan(String, PlanningContext)
   */
  PlanningResult escalate(Planner planner);

  /**
   * Like {@link #escalate(Planner)}, with the goal stated by the host.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code goal} is blank
   * @throws IllegalStateException if the session is closed
   * @throws OwnershipLostException if another executor has taken the session over
   */
  PlanningResult escalate(Planner planner, String goal);

  /**
   * Closes the session: forgets the "allow for this conversation" consent answers given in it. The
   * conversation stays stored. Idempotent.
   */
  @Override
  void close();
}
