package dev.olympus.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Small real tools whose effects a test can count, shared by both executors' tests. */
final class Fixture {
  /** Lines appended by {@code test.append}, a side effect: one per call. */
  final List<String> appended = new CopyOnWriteArrayList<>();

  /** The idempotency keys {@code test.append} was called with. */
  final List<String> keys = new CopyOnWriteArrayList<>();

  /** Calls of {@code test.flaky}. */
  final AtomicInteger flakyCalls = new AtomicInteger();

  /** Calls of {@code test.failingEffect}. */
  final AtomicInteger effectCalls = new AtomicInteger();

  /** The most {@code test.pair} calls that ran at once. */
  final AtomicInteger mostAtOnce = new AtomicInteger();

  /** Opened once a {@code test.wait} call has started. */
  final CountDownLatch waiting = new CountDownLatch(1);

  /** Opens every {@code test.wait} call. */
  final CountDownLatch release = new CountDownLatch(1);

  private final AtomicInteger running = new AtomicInteger();

  /** A registry with every test tool and {@code extra}. */
  ToolRegistry tools(Tool... extra) {
    return ToolRegistry.builder()
        .add(List.of(extra))
        .add(echo())
        .add(append())
        .add(flaky())
        .add(failingEffect())
        .add(pair())
        .add(waitTool())
        .add(strict())
        .build();
  }

  /**
   * A tool {@code id} with {@code effect} that counts its calls; the first returns only once {@code
   * open} opens, whatever interrupts it (a worker stuck in it is as good as dead), the others at
   * once.
   */
  static Tool hangFirst(String id, SideEffect effect, CountDownLatch open, AtomicInteger calls) {
    return Tool.builder(id)
        .description("hangs the first time")
        .sideEffect(effect)
        .handler(
            (input, context) -> {
              if (calls.incrementAndGet() == 1) {
                awaitUninterruptibly(open);
              }
              return JsonNodeFactory.instance.objectNode().put("done", true);
            });
  }

  /** Waits until {@code open} opens, whatever interrupts it: a dead worker does not answer. */
  static void awaitUninterruptibly(CountDownLatch open) {
    while (open.getCount() > 0) {
      try {
        open.await();
      } catch (InterruptedException e) {
        // a dead worker does not answer
      }
    }
  }

  private static Tool echo() {
    return Tool.builder("test.echo")
        .description("returns its input")
        .sideEffect(SideEffect.READ_ONLY)
        .handler((input, context) -> input.deepCopy());
  }

  private Tool append() {
    return Tool.builder("test.append")
        .description("appends a line to a list")
        .scopes("test.write")
        .sideEffect(SideEffect.SIDE_EFFECT)
        .handler(
            (input, context) -> {
              appended.add(input.path("line").asText());
              keys.add(context.idempotencyKey());
              return JsonNodeFactory.instance.objectNode().put("count", appended.size());
            });
  }

  // Takes a string line and returns {count}, each checked against its schema.
  private Tool strict() {
    ObjectNode in = JsonNodeFactory.instance.objectNode().put("type", "object");
    in.putArray("required").add("line");
    in.putObject("properties").putObject("line").put("type", "string");
    ObjectNode out = JsonNodeFactory.instance.objectNode().put("type", "object");
    out.putArray("required").add("count");
    return Tool.builder("test.strict")
        .description("appends a string line; its input and output have schemas")
        .scopes("test.write")
        .sideEffect(SideEffect.SIDE_EFFECT)
        .inputSchema(in)
        .outputSchema(out)
        .handler(
            (input, context) -> {
              appended.add(input.path("line").asText());
              return JsonNodeFactory.instance.objectNode().put("count", appended.size());
            });
  }

  // Fails with a transient error until it has been called {@code failures} times.
  private Tool flaky() {
    return Tool.builder("test.flaky")
        .description("fails transiently, then works")
        .sideEffect(SideEffect.IDEMPOTENT)
        .handler(
            (input, context) -> {
              int call = flakyCalls.incrementAndGet();
              if (call <= input.path("failures").asInt()) {
                throw new ToolExecutionException(
                    "test.flaky", "temporarily unavailable", true, null);
              }
              return JsonNodeFactory.instance.objectNode().put("calls", call);
            });
  }

  private Tool failingEffect() {
    return Tool.builder("test.failingEffect")
        .description("a side effect whose outcome is unknown: a transient error")
        .sideEffect(SideEffect.SIDE_EFFECT)
        .handler(
            (input, context) -> {
              effectCalls.incrementAndGet();
              throw new ToolExecutionException(
                  "test.failingEffect", "connection reset", true, null);
            });
  }

  // Waits (up to 10 s) until another call runs beside it, so parallel steps overlap.
  private Tool pair() {
    return Tool.builder("test.pair")
        .description("meets another call")
        .sideEffect(SideEffect.READ_ONLY)
        .handler(
            (input, context) -> {
              int now = running.incrementAndGet();
              mostAtOnce.accumulateAndGet(now, Math::max);
              try {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (mostAtOnce.get() < 2 && System.nanoTime() < end) {
                  Thread.sleep(5);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                running.decrementAndGet();
              }
              return JsonNodeFactory.instance.objectNode().put("step", context.stepId());
            });
  }

  private Tool waitTool() {
    return Tool.builder("test.wait")
        .description("waits until released or cancelled")
        .sideEffect(SideEffect.READ_ONLY)
        .handler(this::waitUntilReleased);
  }

  private JsonNode waitUntilReleased(JsonNode input, ToolContext context) {
    waiting.countDown();
    try {
      while (!release.await(10, TimeUnit.MILLISECONDS)) {
        context.throwIfCancelled("test.wait");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      context.throwIfCancelled("test.wait");
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    return out.put("released", true);
  }
}
