package dev.olympus.tools.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolException;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRateLimitedException;
import dev.olympus.tools.ToolTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.MDC;

/** Runs one tool call on a worker thread, bounded by a timeout and a cancellation signal. */
final class Invocation {
  private static final Duration SATURATED_RETRY = Duration.ofSeconds(1);

  private Invocation() {}

  static JsonNode run(
      ExecutorService workers, Tool tool, ToolCall call, ToolContext context, Duration timeout) {
    String id = tool.id();
    Future<JsonNode> future = submit(workers, tool, call, context);
    Cancellation.Subscription subscription =
        context.cancellation().onCancel(() -> future.cancel(true));
    try (subscription) {
      JsonNode result = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return result == null ? NullNode.getInstance() : result;
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ToolTimeoutException(id, timeout);
    } catch (CancellationException e) {
      throw new ToolCancelledException(id);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new ToolCancelledException(id);
    } catch (ExecutionException e) {
      throw unwrap(id, e.getCause());
    }
  }

  private static Future<JsonNode> submit(
      ExecutorService workers, Tool tool, ToolCall call, ToolContext context) {
    try {
      Map<String, String> mdc = MDC.getCopyOfContextMap();
      return workers.submit(() -> withMdc(mdc, () -> tool.invoke(call, context)));
    } catch (RejectedExecutionException e) {
      throw new ToolRateLimitedException(
          tool.id(), "every worker thread of the tool registry is busy", SATURATED_RETRY);
    }
  }

  // The worker's log lines carry the caller's MDC (plan, step, ...); the worker is left clean.
  private static JsonNode withMdc(Map<String, String> mdc, Callable<JsonNode> work)
      throws Exception {
    if (mdc != null) {
      MDC.setContextMap(mdc);
    }
    try {
      return work.call();
    } finally {
      MDC.clear();
    }
  }

  private static RuntimeException unwrap(String id, Throwable cause) {
    if (cause instanceof ToolException toolException) {
      return toolException;
    }
    return new ToolExecutionException(id, "tool threw " + cause, false, cause);
  }
}
