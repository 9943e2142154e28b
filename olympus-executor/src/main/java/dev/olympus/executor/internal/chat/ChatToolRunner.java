package dev.olympus.executor.internal.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.olympus.executor.ChatListener;
import dev.olympus.executor.ChatToolCall;
import dev.olympus.executor.ChatToolCall.Outcome;
import dev.olympus.executor.internal.Durations;
import dev.olympus.executor.internal.Failures;
import dev.olympus.executor.internal.wiring.ExecutorServices;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.ConsentEvent;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolConsentDeniedException;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolException;
import dev.olympus.tools.ToolNotFoundException;
import dev.olympus.tools.ToolRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs the tool calls of one round the way a plan step runs: map the function name to a tool,
 * validate the arguments against its schema, ask for consent (one call at a time, in order, so the
 * user is never asked twice at once), then invoke it through the registry (timeout, rate limit)
 * behind the tool's circuit breaker. Approved read-only calls run concurrently, then the others in
 * order. Every call ends in an {@link Outcome}; one failure never affects the other calls.
 */
final class ChatToolRunner {
  /** Where one round's calls come from and what they may do. */
  record Round(
      String sessionId,
      int turn,
      int round,
      Set<String> offered,
      Cancellation cancellation,
      ChatListener listener) {}

  private final ExecutorServices services;
  private final ToolRegistry registry;

  ChatToolRunner(ExecutorServices services, ToolRegistry registry) {
    this.services = services;
    this.registry = registry;
  }

  /** Runs {@code calls}; those at {@code runnable} or after are not run, for {@code why}. */
  List<ChatToolCall> run(Round round, List<ToolCall> calls, int runnable, String why) {
    List<Pending> pending = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      pending.add(prepare(round, calls.get(i), i < runnable ? null : why));
    }
    List<CompletableFuture<Void>> concurrent = new ArrayList<>();
    for (Pending call : pending) {
      if (call.approved() && call.tool.spec().sideEffect() == SideEffect.READ_ONLY) {
        concurrent.add(start(round, call));
      }
    }
    concurrent.forEach(ChatToolRunner::join);
    for (Pending call : pending) {
      if (call.approved() && call.tool.spec().sideEffect() != SideEffect.READ_ONLY) {
        call.outcome = invoke(round, call);
      }
    }
    List<ChatToolCall> done = new ArrayList<>();
    for (Pending call : pending) {
      ChatToolCall finished = new ChatToolCall(call.toolCall(), round.round(), call.outcome);
      round.listener().onToolCallFinished(finished);
      done.add(finished);
    }
    return done;
  }

  private Pending prepare(Round round, ToolCall call, String notRun) {
    Optional<String> known = toolId(call.toolId(), round.offered());
    Pending pending = new Pending(call, known.orElse(call.toolId()));
    round.listener().onToolCallStarted(call.id(), pending.toolId, call.input(), round.round());
    if (known.isEmpty()) {
      pending.outcome = new Outcome.Failed("there is no tool named '" + call.toolId() + "'");
    } else if (notRun != null) {
      pending.outcome = new Outcome.NotRun(notRun);
    } else if (round.cancellation().isCancelled()) {
      pending.outcome = new Outcome.NotRun("the message was cancelled");
    } else {
      authorize(round, pending);
    }
    return pending;
  }

  // Validate first so the user is never asked to consent to a malformed call (as for steps).
  private void authorize(Round round, Pending pending) {
    try {
      pending.tool = services.tools().get(pending.toolId);
      ToolCall call = pending.toolCall();
      services.tools().validate(call);
      pending.context = context(round, pending);
      pending.grant = services.consent().authorize(pending.tool, call, pending.context);
      // The person may have answered in the tool's place: the model gets that, nothing runs.
      pending.grant.answer().ifPresent(answer -> pending.outcome = new Outcome.Succeeded(answer));
    } catch (ToolConsentDeniedException e) {
      pending.outcome = new Outcome.Denied(e.reason());
    } catch (ToolException e) {
      pending.outcome = new Outcome.Failed(Failures.describe(e));
    } catch (RuntimeException e) {
      pending.outcome = new Outcome.Failed(Failures.describe(e));
    }
  }

  private CompletableFuture<Void> start(Round round, Pending call) {
    try {
      return CompletableFuture.runAsync(
          () -> call.outcome = invoke(round, call), services.executor());
    } catch (java.util.concurrent.RejectedExecutionException e) {
      call.outcome = invoke(round, call);
      return CompletableFuture.completedFuture(null);
    }
  }

  private Outcome invoke(Round round, Pending call) {
    try {
      call.context.throwIfCancelled(call.toolId);
      JsonNode result =
          Failsafe.with(services.breaker(call.toolId))
              .get(() -> services.tools().invoke(approved(call), call.context, call.grant));
      return new Outcome.Succeeded(result);
    } catch (CircuitBreakerOpenException e) {
      return new Outcome.Failed("circuit breaker of tool '" + call.toolId + "' is open");
    } catch (FailsafeException e) {
      return new Outcome.Failed(Failures.describe(e.getCause() == null ? e : e.getCause()));
    } catch (RuntimeException e) {
      return new Outcome.Failed(Failures.describe(e));
    }
  }

  private Optional<String> toolId(String function, Set<String> offered) {
    try {
      String id = registry.toolIdForFunction(function);
      return offered.contains(id) ? Optional.of(id) : Optional.empty();
    } catch (ToolNotFoundException e) {
      return Optional.empty();
    }
  }

  private ToolContext context(Round round, Pending pending) {
    String stepId = "turn-" + round.turn() + ".round-" + round.round() + "." + pending.call.id();
    return new ToolContext(
        round.sessionId(),
        stepId,
        round.sessionId() + "/" + stepId,
        Durations.after(services.clock().instant(), services.maxStepTime()),
        services.clock(),
        round.cancellation());
  }

  private static void join(CompletableFuture<Void> future) {
    try {
      future.join();
    } catch (CompletionException e) {
      // invoke() turns every failure into an outcome; nothing reaches here
    }
  }

  /** A call on its way through the checks; fields are written by one thread at a time. */
  // What the person approved, which is what runs: the model's arguments, or their edit of them.
  private static ToolCall approved(Pending call) {
    return new ToolCall(call.call.id(), call.toolId, call.grant.request().input());
  }

  private static final class Pending {
    final ToolCall call;
    final String toolId;
    Tool tool;
    ToolContext context;
    ConsentEvent grant;
    volatile Outcome outcome;

    Pending(ToolCall call, String toolId) {
      this.call = call;
      this.toolId = toolId;
    }

    boolean approved() {
      return outcome == null;
    }

    ToolCall toolCall() {
      return new ToolCall(call.id(), toolId, call.input());
    }
  }
}
