package dev.olympus.desktop;

import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentRequest;
import java.awt.Window;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import javax.swing.SwingUtilities;

/**
 * Asks through {@link ConsentDialog}s: {@link #ask} only schedules the dialog on the event thread
 * and returns (a {@link dev.olympus.tools.ConsentProvider#async} callback), so neither a step
 * thread nor the event thread ever waits for the person. A question the executor withdraws (cancel,
 * timeout, close) closes its dialog. Thread-safe.
 */
final class SwingConsent {
  private final Supplier<Window> owner;

  SwingConsent(Supplier<Window> owner) {
    this.owner = owner;
  }

  /** Schedules the dialog for {@code request}; the stage completes when the person decides. */
  CompletionStage<ConsentDecision> ask(ConsentRequest request) {
    ConsentView view = ConsentView.of(request);
    CompletableFuture<ConsentDecision> answer = new CompletableFuture<>();
    SwingUtilities.invokeLater(() -> show(view, answer));
    return answer;
  }

  private void show(ConsentView view, CompletableFuture<ConsentDecision> answer) {
    if (answer.isDone()) {
      return;
    }
    ConsentDialog dialog = new ConsentDialog(owner.get(), view, answer);
    answer.whenComplete((decision, failure) -> SwingUtilities.invokeLater(dialog::dispose));
    dialog.setVisible(true);
  }
}
