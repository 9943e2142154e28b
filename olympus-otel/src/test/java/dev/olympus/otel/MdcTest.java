package dev.olympus.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.olympus.executor.Olympus;
import dev.olympus.executor.PlanResult;
import dev.olympus.executor.RunEvent;
import dev.olympus.executor.StepListener;
import dev.olympus.llm.LlmRouter;
import dev.olympus.plan.Plan;
import dev.olympus.testing.RecordingConsent;
import dev.olympus.testing.ScriptedProvider;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every log line written for a plan carries its ids in the MDC, across the executor's, the tools'
 * and the router's threads: the plan and step, the configuration hashes of the tools and the
 * router, the correlation id of the step's attempt, and for model calls the route; the threads are
 * left clean afterwards.
 */
class MdcTest {
  private static final String PROBE = "mdc-probe";
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger probe = (Logger) LoggerFactory.getLogger(PROBE);

  @BeforeEach
  void capture() {
    lines.start();
    probe.addAppender(lines);
    probe.setLevel(Level.INFO);
  }

  @AfterEach
  void release() {
    probe.detachAppender(lines);
  }

  private Map<String, String> line(String message) {
    return lines.list.stream()
        .filter(e -> e.getFormattedMessage().equals(message))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + message + "' in " + lines.list))
        .getMDCPropertyMap();
  }

  @Test
  void stepToolModelAndListenerLinesCarryThePlanStepConfigurationAndRoute() throws Exception {
    org.slf4j.Logger log = LoggerFactory.getLogger(PROBE);
    ScriptedProvider local = ScriptedProvider.named("local", "llama3.2");
    local.dispatch(
        request -> {
          log.info("model called");
          return local.textReply(request, "Hello");
        });
    Tool write =
        Tool.builder("test.log")
            .description("Logs a line")
            .handler(
                (input, context) -> {
                  log.info("tool ran");
                  return input;
                });
    LlmRouter llm = LlmRouter.builder().local(local).build();
    ExecutorService steps = Executors.newSingleThreadExecutor(r -> new Thread(r, "host-step"));
    try (Olympus olympus =
        Olympus.builder()
            .llm(llm)
            .tools(ToolRegistry.builder().add(write).build())
            .consent(RecordingConsent.allowingAll())
            .executor(steps)
            .stepListener(
                new StepListener() {
                  @Override
                  public void onAttemptStarted(String planId, String stepId, int attempt) {
                    log.info("attempt of " + stepId);
                  }
                })
            .build()) {
      olympus
          .executor()
          .onEvent(
              event -> {
                if (event instanceof RunEvent.PlanChanged) {
                  log.info("listener heard " + event.stored().kind());
                }
              });
      Plan plan =
          Plan.builder("logs")
              .id("logs-1")
              .step("ask", s -> s.uses("llm.generate").with("prompt", "Say hello"))
              .step("note", s -> s.uses("test.log").after("ask"))
              .build();
      PlanResult result = olympus.executor().submit(plan).await();
      assertTrue(result.succeeded(), result.errors()::toString);

      Map<String, String> model = line("model called");
      assertEquals("logs-1", model.get("planId"));
      assertEquals("ask", model.get("stepId"));
      assertEquals(llm.configHash(), model.get("llmConfig"));
      assertEquals("local: the host's order", model.get("route"));
      assertEquals(olympus.tools().configHash(), model.get("toolsConfig"));
      assertEquals("logs-1/ask/attempt-1", model.get("correlationId"), "the attempt's id");
      assertEquals("logs-1/ask/attempt-1", line("attempt of ask").get("correlationId"));
      assertEquals("logs-1/note/attempt-1", line("attempt of note").get("correlationId"));

      Map<String, String> tool = line("tool ran");
      assertEquals("logs-1", tool.get("planId"));
      assertEquals("note", tool.get("stepId"));
      assertEquals(olympus.tools().configHash(), tool.get("toolsConfig"));
      assertEquals(null, tool.get("route"), "the route is the model call's only");
      assertEquals("logs-1/note/attempt-1", tool.get("correlationId"));

      assertTrue(
          lines.list.stream()
              .filter(e -> e.getFormattedMessage().startsWith("listener heard"))
              .allMatch(e -> "logs-1".equals(e.getMDCPropertyMap().get("planId"))),
          lines.list::toString);

      Map<String, String> after = steps.submit(MDC::getCopyOfContextMap).get();
      assertTrue(after == null || after.isEmpty(), "the step thread is left clean: " + after);
    } finally {
      steps.shutdown();
    }
  }
}
