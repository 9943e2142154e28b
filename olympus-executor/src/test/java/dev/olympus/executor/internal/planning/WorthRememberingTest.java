package dev.olympus.executor.internal.planning;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.CancelledException;
import dev.olympus.llm.HardException;
import dev.olympus.llm.TransientException;
import dev.olympus.plan.ReferenceException;
import dev.olympus.tools.SandboxViolationException;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolConsentDeniedException;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRateLimitedException;
import dev.olympus.tools.ToolTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which failures the planner remembers as approaches not to repeat: the lasting ones only. */
class WorthRememberingTest {
  @Test
  void lastingToolFailuresAndBrokenReferencesAreRemembered() {
    assertTrue(Refractory.worthRemembering(new ToolExecutionException("web.fetch", "404")));
    assertTrue(
        Refractory.worthRemembering(new SandboxViolationException("fs.read", "/etc", "outside")));
    assertTrue(Refractory.worthRemembering(new ReferenceException("${a.b}", "no such step")));
    assertTrue(
        Refractory.worthRemembering(
            new ToolExecutionException("llm.generate", "failed", false, hardModelError())));
  }

  @Test
  void passingTroubleAndAPersonsNoAreNot() {
    assertFalse(
        Refractory.worthRemembering(new ToolExecutionException("web.fetch", "reset", true, null)));
    assertFalse(Refractory.worthRemembering(new ToolConsentDeniedException("fs.write", "no")));
    assertFalse(Refractory.worthRemembering(new ToolCancelledException("fs.write")));
    assertFalse(
        Refractory.worthRemembering(new ToolTimeoutException("web.fetch", Duration.ofSeconds(1))));
    assertFalse(
        Refractory.worthRemembering(
            new ToolRateLimitedException("web.fetch", "busy", Duration.ofSeconds(1))));
    assertFalse(Refractory.worthRemembering(new IllegalStateException("a bug of the host")));
    assertFalse(
        Refractory.worthRemembering(
            new ToolExecutionException(
                "llm.generate", "failed", false, new CancelledException("ollama", "stop", null))),
        "only a hard model error is lasting");
    assertFalse(
        Refractory.worthRemembering(
            new ToolExecutionException(
                "llm.generate", "failed", false, new TransientException("ollama", "reset", null))));
  }

  private static HardException hardModelError() {
    return new HardException("openai", 400, "model not found", null);
  }
}
