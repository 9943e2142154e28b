package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static dev.olympus.tools.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {
  @Retention(RetentionPolicy.RUNTIME)
  @interface Nullable {}

  record Greeting(
      @JsonPropertyDescription("who to greet") String name, int times, @Nullable String suffix) {}

  private static final Tool ECHO =
      Tool.builder("text.echo")
          .description("Echoes its input")
          .inputSchema(
              json(
                  "{'type':'object','required':['text','count'],'additionalProperties':false,"
                      + "'properties':{'text':{'type':'string'},'count':{'type':'integer','minimum':1}}}"))
          .sideEffect(SideEffect.READ_ONLY)
          .handler((input, ctx) -> input);

  private static final Tool GREET =
      Tool.builder("text.greet")
          .description("Greets")
          .typed(
              Greeting.class,
              (in, ctx) ->
                  Map.of(
                      "text",
                      ("Hello " + in.name() + (in.suffix() == null ? "" : in.suffix()))
                          .repeat(in.times())));

  @Test
  void specsRenderOpenAiFunctionsWithReversibleNames() {
    ToolRegistry registry = ToolRegistry.builder().add(ECHO).add(GREET).build();
    ArrayNode specs = registry.specs();
    assertEquals(2, specs.size());
    JsonNode first = specs.get(0);
    assertEquals("function", first.get("type").asText());
    assertEquals("text_echo", first.at("/function/name").asText());
    assertEquals("Echoes its input", first.at("/function/description").asText());
    assertEquals("object", first.at("/function/parameters/type").asText());
    assertTrue(first.at("/function/name").asText().matches("^[a-zA-Z0-9_-]{1,64}$"));
    assertEquals("text_greet", registry.functionName("text.greet"));
    assertEquals("text.greet", registry.toolIdForFunction("text_greet"));
    assertThrows(ToolNotFoundException.class, () -> registry.toolIdForFunction("text.greet"));
  }

  @Test
  void idsThatMapToTheSameFunctionNameAreRefused() {
    Tool other = Tool.builder("text_echo").description("x").handler((in, ctx) -> in);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> ToolRegistry.builder().add(ECHO).add(other).build());
    assertTrue(e.getMessage().contains("text_echo"), e.getMessage());
  }

  @Test
  void duplicateIdsAndUnknownLimitTargetsAreRefused() {
    assertThrows(IllegalStateException.class, () -> ToolRegistry.builder().add(ECHO).add(ECHO));
    assertThrows(
        IllegalStateException.class,
        () -> ToolRegistry.builder().add(ECHO).timeout("nope", Duration.ofSeconds(1)).build());
    assertThrows(IllegalArgumentException.class, () -> Tool.builder("bad id!"));
  }

  @Test
  void validationListsEveryProblem() {
    ToolRegistry registry = ToolRegistry.builder().add(ECHO).build();
    ToolValidationException e =
        assertThrows(
            ToolValidationException.class,
            () -> registry.invoke(ToolCall.of("text.echo", json("{'count':0,'x':1}")), context()));
    assertEquals(3, e.problems().size(), e.problems().toString());
    assertTrue(e.getMessage().contains("text"), e.getMessage());
    assertTrue(e.getMessage().contains("count"), e.getMessage());
    assertTrue(e.getMessage().contains("x"), e.getMessage());
  }

  @Test
  void unknownToolIsTyped() {
    ToolRegistry registry = ToolRegistry.builder().add(ECHO).build();
    ToolNotFoundException e =
        assertThrows(
            ToolNotFoundException.class,
            () -> registry.invoke(ToolCall.of("fs.nope", json("{}")), context()));
    assertTrue(e.getMessage().contains("fs.nope"));
  }

  @Test
  void typedToolGeneratesSchemaAndConvertsInput() {
    JsonNode schema = GREET.spec().inputSchema();
    assertEquals("object", schema.get("type").asText());
    assertEquals(json("['name','times']"), schema.get("required"));
    assertFalse(schema.get("additionalProperties").asBoolean(true));
    assertEquals("who to greet", schema.at("/properties/name/description").asText());
    ToolRegistry registry = ToolRegistry.builder().add(GREET).build();
    JsonNode result =
        registry.invoke(ToolCall.of("text.greet", json("{'name':'Ada','times':2}")), context());
    assertEquals("Hello AdaHello Ada", result.get("text").asText());
    assertThrows(
        ToolValidationException.class,
        () -> registry.invoke(ToolCall.of("text.greet", json("{'name':'Ada'}")), context()));
  }

  @Test
  void rateLimitAdmitsCallsPerWindow() {
    MutableClock clock = new MutableClock();
    ToolRegistry registry =
        ToolRegistry.builder()
            .add(ECHO)
            .rateLimit("text.echo", RateLimit.of(2, Duration.ofMinutes(1)))
            .clock(clock)
            .build();
    ToolCall call = ToolCall.of("text.echo", json("{'text':'a','count':1}"));
    ToolContext context = new ToolContext("p", "s", "k", Instant.MAX, new Cancellation());
    registry.invoke(call, context);
    clock.advance(Duration.ofSeconds(10));
    registry.invoke(call, context);
    ToolRateLimitedException e =
        assertThrows(ToolRateLimitedException.class, () -> registry.invoke(call, context));
    assertEquals(Duration.ofSeconds(50), e.retryAfter());
    assertTrue(e.retryable());
    clock.advance(Duration.ofSeconds(50));
    assertEquals("a", registry.invoke(call, context).get("text").asText());
  }

  @Test
  void aRateLimitSetAgainReplacesTheEarlierOne() {
    ToolRegistry registry =
        ToolRegistry.builder()
            .add(ECHO)
            .rateLimit("text.echo", RateLimit.of(5, Duration.ofDays(1)))
            .rateLimit("text.echo", RateLimit.of(1, Duration.ofDays(1)))
            .build();
    ToolCall call = ToolCall.of("text.echo", json("{'text':'a','count':1}"));
    registry.invoke(call, context());
    assertThrows(ToolRateLimitedException.class, () -> registry.invoke(call, context()));
  }

  @Test
  void aToolBuilderSettingCalledAgainReplacesTheEarlierOne() {
    Tool tool =
        Tool.builder("text.twice")
            .description("first")
            .scopes("fs.read")
            .description("second")
            .scopes("fs.write", "net.get")
            .handler((in, ctx) -> in);
    assertEquals("second", tool.spec().description());
    assertEquals(List.of("fs.write", "net.get"), tool.spec().scopes());
  }

  @Test
  void invalidCallsDoNotUseTheRateLimit() {
    ToolRegistry registry =
        ToolRegistry.builder()
            .add(ECHO)
            .rateLimit("text.echo", RateLimit.of(1, Duration.ofDays(1)))
            .build();
    ToolCall bad = ToolCall.of("text.echo", json("{}"));
    assertThrows(ToolValidationException.class, () -> registry.invoke(bad, context()));
    registry.invoke(ToolCall.of("text.echo", json("{'text':'a','count':1}")), context());
  }

  @Test
  void timeoutInterruptsTheTool() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    Tool sleeper =
        Tool.builder("test.sleep")
            .description("Blocks until interrupted")
            .handler(
                (in, ctx) -> {
                  try {
                    new CountDownLatch(1).await();
                  } catch (InterruptedException e) {
                    interrupted.countDown();
                  }
                  return TextNode.valueOf("late");
                });
    ToolRegistry registry =
        ToolRegistry.builder().add(sleeper).timeout("test.sleep", Duration.ofMillis(50)).build();
    assertThrows(
        ToolTimeoutException.class,
        () -> registry.invoke(ToolCall.of("test.sleep", json("{}")), context()));
    assertTrue(interrupted.await(1, TimeUnit.MINUTES));
  }

  @Test
  void workersAreBoundedAndAToolIgnoringInterruptsUsesUpOnlyItsOwnWorker()
      throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    Tool stubborn =
        Tool.builder("test.stubborn")
            .description("Ignores interrupts until released")
            .handler(
                (in, ctx) -> {
                  boolean done = false;
                  while (!done) {
                    try {
                      done = release.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException ignored) {
                      // A badly behaved tool: it keeps running after its timeout.
                    }
                  }
                  finished.countDown();
                  return TextNode.valueOf("late");
                });
    ToolRegistry registry =
        ToolRegistry.builder()
            .add(stubborn)
            .add(ECHO)
            .maxConcurrentCalls(1)
            .timeout("test.stubborn", Duration.ofMillis(50))
            .build();
    assertThrows(
        ToolTimeoutException.class,
        () -> registry.invoke(ToolCall.of("test.stubborn", json("{}")), context()));
    ToolRateLimitedException busy =
        assertThrows(
            ToolRateLimitedException.class,
            () ->
                registry.invoke(
                    ToolCall.of("text.echo", json("{'text':'hi','count':1}")), context()));
    assertTrue(busy.retryable());
    assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
    release.countDown();
    assertTrue(finished.await(1, TimeUnit.MINUTES));
    assertThrows(
        IllegalArgumentException.class, () -> ToolRegistry.builder().maxConcurrentCalls(0));
  }

  @Test
  void deadlinesAreReadOnTheContextsClockNotTheRegistrys() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    Clock caller = Clock.fixed(t0, ZoneOffset.UTC);
    Tool reporting =
        Tool.builder("test.left")
            .description("reports the time it has left")
            .handler((in, ctx) -> TextNode.valueOf(ctx.remaining().toString()));
    ToolRegistry registry =
        ToolRegistry.builder()
            .clock(Clock.offset(caller, Duration.ofHours(1)))
            .add(reporting)
            .timeout("test.left", Duration.ofSeconds(10))
            .build();
    ToolCall call = ToolCall.of("test.left", json("{}"));

    assertEquals("PT5S", registry.invoke(call, contextUntil(t0.plusSeconds(5), caller)).asText());
    assertEquals("PT10S", registry.invoke(call, contextUntil(t0.plusSeconds(90), caller)).asText());
  }

  private static ToolContext contextUntil(Instant deadline, Clock clock) {
    return new ToolContext("p", "s", "k", deadline, clock, new Cancellation());
  }

  @Test
  void passedDeadlineFailsBeforeRunning() {
    AtomicBoolean ran = new AtomicBoolean();
    Tool tool =
        Tool.builder("test.run")
            .description("d")
            .handler(
                (in, ctx) -> {
                  ran.set(true);
                  return in;
                });
    ToolRegistry registry = ToolRegistry.builder().add(tool).build();
    ToolContext late = new ToolContext("p", "s", "k", Instant.EPOCH, new Cancellation());
    assertThrows(
        ToolTimeoutException.class,
        () -> registry.invoke(ToolCall.of("test.run", json("{}")), late));
    assertFalse(ran.get());
  }

  @Test
  void cancellationStopsARunningCall() {
    CountDownLatch started = new CountDownLatch(1);
    Tool blocker =
        Tool.builder("test.block")
            .description("Blocks")
            .handler(
                (in, ctx) -> {
                  started.countDown();
                  try {
                    new CountDownLatch(1).await();
                  } catch (InterruptedException e) {
                    throw new ToolCancelledException("test.block");
                  }
                  return in;
                });
    ToolRegistry registry = ToolRegistry.builder().add(blocker).build();
    ToolContext context = context();
    Thread canceller =
        new Thread(
            () -> {
              try {
                started.await();
              } catch (InterruptedException e) {
                return;
              }
              context.cancellation().cancel();
            });
    canceller.start();
    assertThrows(
        ToolCancelledException.class,
        () -> registry.invoke(ToolCall.of("test.block", json("{}")), context));
  }

  @Test
  void alreadyCancelledCallDoesNotRun() {
    ToolRegistry registry = ToolRegistry.builder().add(ECHO).build();
    ToolContext context = context();
    context.cancellation().cancel();
    assertThrows(
        ToolCancelledException.class,
        () -> registry.invoke(ToolCall.of("text.echo", json("{'text':'a','count':1}")), context));
  }

  @Test
  void unexpectedExceptionsAreWrappedAsNonRetryable() {
    Tool broken =
        Tool.builder("test.broken")
            .description("Fails")
            .handler(
                (in, ctx) -> {
                  throw new IllegalStateException("boom");
                });
    ToolRegistry registry = ToolRegistry.builder().add(broken).build();
    ToolExecutionException e =
        assertThrows(
            ToolExecutionException.class,
            () -> registry.invoke(ToolCall.of("test.broken", json("{}")), context()));
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("boom"));
    assertEquals("test.broken", e.toolId());
  }

  @Test
  void specRefusesMalformedScopes() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Tool.builder("x").description("d").scopes("FS WRITE").handler((in, c) -> in));
    assertThrows(IllegalStateException.class, () -> Tool.builder("x").handler((in, c) -> in));
  }

  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
