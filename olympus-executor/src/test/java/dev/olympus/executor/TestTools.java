package dev.olympus.executor;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Small real tools for executor tests. */
final class TestTools {
  private TestTools() {}

  /** A no-op tool that counts its calls per step, and records the order steps ran in. */
  static final class Recorder {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final java.util.List<String> order =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    Tool tool(String id, SideEffect sideEffect) {
      return Tool.builder(id)
          .description("records that it ran")
          .sideEffect(sideEffect)
          .handler(
              (input, context) -> {
                calls.computeIfAbsent(context.stepId(), k -> new AtomicInteger()).incrementAndGet();
                order.add(context.stepId());
                return JsonNodeFactory.instance.objectNode().put("value", context.stepId());
              });
    }
  }

  /** A side-effecting tool that appends one line per call to {@code counter}. */
  static Tool counter(Path counter) {
    return Tool.builder("test.count")
        .description("appends a line to a counter file")
        .scopes("test.write")
        .sideEffect(SideEffect.SIDE_EFFECT)
        .handler(
            (input, context) -> {
              append(counter, context.stepId() + " " + context.idempotencyKey() + "\n");
              return JsonNodeFactory.instance.objectNode().put("counted", true);
            });
  }

  /** A tool that fails {@code failures} times with a retryable error, then succeeds. */
  static Tool flaky(String id, int failures, AtomicInteger attempts) {
    return Tool.builder(id)
        .description("fails transiently, then works")
        .sideEffect(SideEffect.IDEMPOTENT)
        .handler(
            (input, context) -> {
              if (attempts.incrementAndGet() <= failures) {
                throw new ToolExecutionException(id, "temporarily unavailable", true, null);
              }
              return JsonNodeFactory.instance.objectNode().put("ok", true);
            });
  }

  /** A tool that fails with a hard (not retryable) error. */
  static Tool broken(String id, AtomicInteger attempts) {
    return Tool.builder(id)
        .description("always fails")
        .sideEffect(SideEffect.IDEMPOTENT)
        .handler(
            (input, context) -> {
              attempts.incrementAndGet();
              throw new ToolExecutionException(id, "disk is on fire");
            });
  }

  /** A tool that always fails with a non-retryable error saying {@code message}. */
  static Tool failing(String id, String message) {
    return Tool.builder(id)
        .description("always fails")
        .sideEffect(SideEffect.READ_ONLY)
        .handler(
            (input, context) -> {
              throw new ToolExecutionException(id, message);
            });
  }

  /** A tool that blocks until cancelled (or {@code release} opens), signalling {@code started}. */
  static Tool blocking(String id, CountDownLatch started, CountDownLatch release) {
    return blocking(id, started, release, new CountDownLatch(1));
  }

  /** Like {@link #blocking}, also signalling {@code stopped} once it sees its call cancelled. */
  static Tool blocking(
      String id, CountDownLatch started, CountDownLatch release, CountDownLatch stopped) {
    return Tool.builder(id)
        .description("waits")
        .sideEffect(SideEffect.READ_ONLY)
        .handler(waiting(id, started, release, stopped));
  }

  /** Like {@link #blocking}, but a side effect in scope {@code test.write}. */
  static Tool blockingEffect(String id, CountDownLatch started, CountDownLatch release) {
    return Tool.builder(id)
        .description("changes something, slowly")
        .scopes("test.write")
        .sideEffect(SideEffect.SIDE_EFFECT)
        .handler(waiting(id, started, release, new CountDownLatch(1)));
  }

  private static Tool.Handler waiting(
      String id, CountDownLatch started, CountDownLatch release, CountDownLatch stopped) {
    return (input, context) -> {
      started.countDown();
      try {
        while (!release.await(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          stopIfCancelled(id, context, stopped);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopIfCancelled(id, context, stopped);
      }
      return JsonNodeFactory.instance.objectNode().put("released", true);
    };
  }

  private static void stopIfCancelled(String id, ToolContext context, CountDownLatch stopped) {
    if (context.cancellation().isCancelled()) {
      stopped.countDown();
    }
    context.throwIfCancelled(id);
  }

  /**
   * A run listener that counts {@code latch} down when step {@code stepId} moves to a state given.
   */
  static Consumer<RunEvent> countDownWhen(
      String stepId, CountDownLatch latch, StepState... states) {
    Set<StepState> targets = Set.of(states);
    return event -> {
      if (event instanceof RunEvent.StepChanged changed
          && changed.stepId().equals(stepId)
          && targets.contains(changed.to())) {
        latch.countDown();
      }
    };
  }

  /** Waits up to 10 ms for {@code latch}; an interrupt counts as not yet released. */
  static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(10, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static void append(Path file, String text) {
    try {
      Files.writeString(
          file,
          text,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes {@code opened} last first: an executor before the store it was opened over. */
  static void closeInReverse(List<AutoCloseable> opened) throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  /**
   * Polls {@code planId}'s checkpoint until the plan ends; after 40 s, returns the state it has.
   */
  static PlanState awaitEnd(MemoryStore memory, String planId) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (true) {
      PlanState state = memory.checkpoints().load(planId).orElseThrow().state();
      if (state.isTerminal() || System.nanoTime() > end) {
        return state;
      }
      Thread.sleep(10);
    }
  }
}
