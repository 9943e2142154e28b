package dev.olympus.desktop;

import static dev.olympus.desktop.OpenWindow.onEdt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentRequest;
import java.awt.AWTEvent;
import java.awt.Toolkit;
import java.awt.event.AWTEventListener;
import java.awt.event.WindowEvent;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.swing.JTextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consent through dialogs: one per open question, none for a question already withdrawn. */
class SwingConsentTest {
  private final BlockingQueue<ConsentDialog> opened = new LinkedBlockingQueue<>();
  private final AWTEventListener listener =
      event -> {
        if (event.getID() == WindowEvent.WINDOW_OPENED
            && ((WindowEvent) event).getWindow() instanceof ConsentDialog dialog) {
          opened.add(dialog);
        }
      };

  @BeforeEach
  void listen() {
    OpenWindow.assumeDisplay();
    Toolkit.getDefaultToolkit().addAWTEventListener(listener, AWTEvent.WINDOW_EVENT_MASK);
  }

  @AfterEach
  void stop() {
    Toolkit.getDefaultToolkit().removeAWTEventListener(listener);
  }

  @Test
  void aQuestionWithdrawnBeforeItsDialogOpensShowsNoDialog() throws Exception {
    SwingConsent consent = new SwingConsent(() -> null);
    CompletableFuture<ConsentDecision> open =
        onEdt(() -> consent.ask(request("write")).toCompletableFuture());
    ConsentDialog dialog = opened.poll(60, TimeUnit.SECONDS);
    assertNotNull(dialog, "an open question shows its dialog");
    assertEquals(
        "fs.write wants to run (plan plan-1, step write)",
        onEdt(OpenWindow.named(dialog, "consent-title", JTextArea.class)::getText));

    onEdt(
        () -> {
          consent.ask(request("other")).toCompletableFuture().cancel(false); // withdrawn at once
          return null;
        });
    onEdt(() -> null); // the scheduled dialog ran
    onEdt(() -> null); // and so did what it posted
    assertEquals(List.of(), List.copyOf(opened), "the withdrawn question showed no dialog");

    open.cancel(false);
    OpenWindow.awaitClosed(dialog);
    assertFalse(onEdt(dialog::isDisplayable), "a withdrawn question closes its dialog");
  }

  private static ConsentRequest request(String step) {
    return ConsentRequest.builder(
            "fs.write", new ObjectMapper().createObjectNode().put("path", "notes/a.md"))
        .scopes(List.of("fs.write"))
        .step("plan-1", step)
        .summary("write notes/a.md")
        .build();
  }
}
