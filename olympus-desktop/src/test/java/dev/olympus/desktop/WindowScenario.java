package dev.olympus.desktop;

import com.formdev.flatlaf.FlatLightLaf;
import dev.olympus.testing.FakeOllama;
import dev.olympus.testing.FakeOpenAi;
import dev.olympus.testing.FakeReply;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JButton;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.TransferHandler;

/**
 * Drives the real window, as a person would, through the plan demo: drop a folder of documents,
 * draft a plan for a goal with no model, run it, answer the consent dialog, watch the task queue
 * reach DONE, open the written notes in Artifacts, try Chat, look at Settings; a screenshot of each
 * view is saved. Needs a display. Runs in the test's JVM or, under an Xvfb the test started, in a
 * child JVM ({@link #main}).
 */
final class WindowScenario {
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  static final String NOTES = "notes/revenue-grew.md";

  private WindowScenario() {}

  /** Runs the scenario with {@code args[0]} as home and {@code args[1]} as screenshot folder. */
  public static void main(String[] args) throws Exception {
    run(Path.of(args[0]), Path.of(args[1]));
    System.exit(0);
  }

  static void run(Path home, Path shots) throws Exception {
    Files.createDirectories(shots);
    Path docs = Files.createDirectories(home.resolve("docs"));
    Files.writeString(
        docs.resolve("q3-report.md"),
        "Quarterly report. Revenue grew 12% on strong demand for the local assistant.");
    OpenWindow.offline(home).save(home.resolve("settings.properties"));
    onEdt(
        () -> {
          FlatLightLaf.setup();
          return null;
        });
    DesktopApp app = DesktopApp.open(home);
    MainWindow window = onEdt(() -> DesktopMain.show(app, false));
    Robot robot = new Robot();
    try (FakeOllama ollama = chatScript()) {
      ingestByDrop(window, docs);
      askAndRun(window, robot, shots);
      answerConsent(robot, shots);
      tasksDone(window, robot, shots);
      denyThenApproveInTheQueue(window);
      cancelClosesTheQuestion(window);
      artifacts(window, robot, shots);
      offlineChat(window);
      settingsToModel(window, robot, shots, ollama.uri());
      chatWithToolCall(window, robot, shots);
      cloudFallback(window, robot, shots);
    } finally {
      onEdt(
          () -> {
            Arrays.stream(Window.getWindows()).forEach(Window::dispose);
            return null;
          });
    }
  }

  private static void ingestByDrop(MainWindow window, Path docs) throws Exception {
    Transferable folder = new FileList(List.of(docs.toFile()));
    onEdt(
        () ->
            window
                .getTransferHandler()
                .importData(new TransferHandler.TransferSupport(window.tabs, folder)));
    await("the folder is ingested", () -> window.notice.getText().startsWith("1 document"));
  }

  private static void askAndRun(MainWindow window, Robot robot, Path shots) throws Exception {
    onEdt(
        () -> {
          window.tabs.setSelectedComponent(window.ask);
          window.ask.goal.setText("revenue grew");
          window.ask.draft.doClick();
          return null;
        });
    await(
        "the draft's two steps", () -> window.ask.steps.size() == 2 && window.ask.run.isEnabled());
    check(
        window.ask.note.getText().contains("With a model"),
        "the draft says what a model would add: " + window.ask.note.getText());
    shoot(robot, window, shots, "ask");
    onEdt(
        () -> {
          window.ask.run.doClick();
          return null;
        });
  }

  private static FakeOllama chatScript() {
    String write = "{\"path\":\"notes/chat.md\",\"content\":\"Revenue grew 12%.\"}";
    FakeOllama ollama = FakeOllama.start();
    ollama.enqueue(FakeReply.toolCall("fs_write", write), FakeReply.text("I wrote notes/chat.md."));
    return ollama;
  }

  /** Waits for the consent dialog to show. */
  private static Window consentDialog() throws Exception {
    AtomicReference<Window> dialog = new AtomicReference<>();
    await(
        "the consent dialog",
        () -> {
          for (Window w : Window.getWindows()) {
            if (ConsentDialog.NAME.equals(w.getName()) && w.isShowing()) {
              dialog.set(w);
            }
          }
          return dialog.get() != null;
        });
    return dialog.get();
  }

  private static void answerConsent(Robot robot, Path shots) throws Exception {
    Window shown = consentDialog();
    String input = onEdt(() -> ((JTextArea) find(shown, "consent-input")).getText());
    String identity = onEdt(() -> ((JTextArea) find(shown, "consent-identity")).getText());
    check(input.contains(NOTES) && input.contains("Revenue grew"), "the whole input: " + input);
    check(
        identity.matches("Input: \\d+ bytes, SHA-256 [0-9a-f]{64}"),
        "size and digest: " + identity);
    shoot(robot, shown, shots, "consent");
    onEdt(
        () -> {
          ((JButton) find(shown, "consent-once")).doClick();
          return null;
        });
  }

  private static void tasksDone(MainWindow window, Robot robot, Path shots) throws Exception {
    await(
        "the plan DONE in the task queue",
        () ->
            window.tabs.getSelectedComponent() == window.tasks
                && window.tasks.rows.getRowCount() == 2
                && "DONE".equals(window.tasks.rows.getValueAt(0, 1))
                && "DONE".equals(window.tasks.rows.getValueAt(1, 3)));
    shoot(robot, window, shots, "tasks");
  }

  /** Drafts the goal again and runs it. */
  private static void runAgain(MainWindow window) throws Exception {
    onEdt(
        () -> {
          window.tabs.setSelectedComponent(window.ask);
          window.ask.draft.doClick();
          return null;
        });
    await("a new draft", () -> window.ask.run.isEnabled());
    onEdt(
        () -> {
          window.ask.run.doClick();
          return null;
        });
  }

  /** A denied step waits BLOCKED in the task queue until Approve runs it. */
  private static void denyThenApproveInTheQueue(MainWindow window) throws Exception {
    runAgain(window);
    Window dialog = consentDialog();
    onEdt(
        () -> {
          ((JButton) find(dialog, "consent-deny")).doClick();
          return null;
        });
    await(
        "the denied step BLOCKED",
        () -> window.tasks.rows.getRowCount() == 4 && "BLOCKED".equals(cell(window, 3, 3)));
    onEdt(
        () -> {
          window.tasks.table.setRowSelectionInterval(3, 3);
          ((JButton) find(window.tasks, "task-approve")).doClick();
          return null;
        });
    await(
        "the approved plan DONE",
        () -> "DONE".equals(cell(window, 3, 3)) && "DONE".equals(cell(window, 3, 1)));
  }

  /** Cancelling a plan whose question is open withdraws it: its dialog closes. */
  private static void cancelClosesTheQuestion(MainWindow window) throws Exception {
    runAgain(window);
    Window dialog = consentDialog();
    await("the third plan in the queue", () -> window.tasks.rows.getRowCount() == 6);
    onEdt(
        () -> {
          window.tasks.table.setRowSelectionInterval(5, 5);
          ((JButton) find(window.tasks, "task-cancel")).doClick();
          return null;
        });
    await("the withdrawn question's dialog closed", () -> !dialog.isDisplayable());
    await("the plan CANCELLED", () -> "CANCELLED".equals(cell(window, 5, 1)));
  }

  private static Object cell(MainWindow window, int row, int column) {
    return window.tasks.rows.getValueAt(row, column);
  }

  private static void artifacts(MainWindow window, Robot robot, Path shots) throws Exception {
    onEdt(
        () -> {
          window.tabs.setSelectedComponent(window.artifacts);
          return null;
        });
    await("the notes in Artifacts", () -> window.artifacts.files.contains(NOTES));
    onEdt(
        () -> {
          window.artifacts.list.setSelectedValue(NOTES, true);
          return null;
        });
    await(
        "the notes opened in place",
        () -> window.artifacts.preview.getText().contains("Revenue grew 12%"));
    shoot(robot, window, shots, "artifacts");
  }

  private static void offlineChat(MainWindow window) throws Exception {
    onEdt(
        () -> {
          window.tabs.setSelectedComponent(window.chat);
          window.chat.message.setText("what did revenue do?");
          window.chat.send.doClick();
          return null;
        });
    await(
        "chat says what a model adds",
        () -> window.chat.transcript.getText().contains("With a model"));
  }

  /** Switches from offline to the model {@code ollama} in Settings, through Apply. */
  private static void settingsToModel(MainWindow window, Robot robot, Path shots, URI ollama)
      throws Exception {
    onEdt(
        () -> {
          window.tabs.setSelectedComponent(window.settings);
          window.settings.offline.setSelected(false);
          window.settings.ollamaUrl.setText(ollama.toString());
          window.settings.apply.doClick();
          return null;
        });
    await("the model in use", () -> window.settings.message.getText().equals("Using llama3.2."));
    shoot(robot, window, shots, "settings");
  }

  /** A chat whose model calls fs.write: the consent dialog is answered, the call reported. */
  private static void chatWithToolCall(MainWindow window, Robot robot, Path shots)
      throws Exception {
    onEdt(
        () -> {
          window.tabs.setSelectedComponent(window.chat);
          window.chat.message.setText("write a note that revenue grew");
          window.chat.send.doClick();
          return null;
        });
    Window dialog;
    try {
      dialog = consentDialog();
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; chat: " + window.chat.transcript.getText(), e);
    }
    String input = onEdt(() -> ((JTextArea) find(dialog, "consent-input")).getText());
    check(input.contains("notes/chat.md"), "the chat call's input: " + input);
    onEdt(
        () -> {
          ((JButton) find(dialog, "consent-once")).doClick();
          window.refreshStatus();
          return null;
        });
    await(
        "the model's answer after the tool call",
        () -> window.chat.transcript.getText().contains("assistant: I wrote notes/chat.md."));
    check(
        window.chat.transcript.getText().contains("tool fs.write"),
        "the tool call is shown: " + window.chat.transcript.getText());
    await(
        "the status bar with the model and its tokens",
        () -> window.status.getText().startsWith("model llama3.2  |  240 tokens used"));
    shoot(robot, window, shots, "chat");
  }

  /** No local model: the cloud answers within the budget and the status bar shows the spend. */
  private static void cloudFallback(MainWindow window, Robot robot, Path shots) throws Exception {
    try (FakeOllama empty = FakeOllama.start();
        FakeOpenAi cloud = FakeOpenAi.start()) {
      empty.models(); // nothing pulled, so the router passes it by
      cloud.dispatch(request -> FakeReply.text("Hello from the cloud").withUsage(20, 30));
      onEdt(
          () -> {
            window.tabs.setSelectedComponent(window.settings);
            window.settings.ollamaUrl.setText(empty.uri().toString());
            window.settings.cloud.setSelected(true);
            window.settings.cloudUrl.setText(cloud.uri().toString());
            window.settings.budget.setText("0.50");
            window.settings.apply.doClick();
            return null;
          });
      await(
          "the cloud in use",
          () -> window.settings.message.getText().startsWith("Using gpt-4o-mini (cloud;"));
      onEdt(
          () -> {
            window.tabs.setSelectedComponent(window.chat);
            window.chat.message.setText("say hello");
            window.chat.send.doClick();
            return null;
          });
      await(
          "the cloud's answer",
          () -> window.chat.transcript.getText().contains("assistant: Hello from the cloud"));
      onEdt(
          () -> {
            window.refreshStatus();
            return null;
          });
      // 20 prompt tokens at $0.15 and 30 completion tokens at $0.60 per million: $0.000021.
      await(
          "today's cloud spend against the budget",
          () -> window.status.getText().endsWith("cloud today $0.000021 of $0.50"));
      shoot(robot, window, shots, "budget");
    }
  }

  static java.awt.Component find(java.awt.Container root, String name) {
    for (java.awt.Component c : root.getComponents()) {
      if (name.equals(c.getName())) {
        return c;
      }
      if (c instanceof java.awt.Container inner) {
        java.awt.Component found = findOrNull(inner, name);
        if (found != null) {
          return found;
        }
      }
    }
    throw new AssertionError("no component named " + name);
  }

  private static java.awt.Component findOrNull(java.awt.Container root, String name) {
    try {
      return find(root, name);
    } catch (AssertionError e) {
      return null;
    }
  }

  private static void shoot(Robot robot, Window window, Path shots, String view) throws Exception {
    robot.waitForIdle();
    robot.delay(300);
    Rectangle bounds = onEdt(() -> new Rectangle(window.getLocationOnScreen(), window.getSize()));
    ImageIO.write(robot.createScreenCapture(bounds), "png", shots.resolve(view + ".png").toFile());
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  /** Waits, checking on the event thread, until {@code condition} holds; fails on a hang. */
  private static void await(String what, Callable<Boolean> condition) throws Exception {
    Instant until = Instant.now().plus(PATIENCE);
    while (!onEdt(condition)) {
      if (Instant.now().isAfter(until)) {
        throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
      }
      Thread.sleep(50);
    }
  }

  static <T> T onEdt(Callable<T> work) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    SwingUtilities.invokeAndWait(
        () -> {
          try {
            result.set(work.call());
          } catch (Exception e) {
            failure.set(e);
          }
        });
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  /** A dropped list of files, as a file manager hands it over. */
  record FileList(List<File> files) implements Transferable {
    @Override
    public DataFlavor[] getTransferDataFlavors() {
      return new DataFlavor[] {DataFlavor.javaFileListFlavor};
    }

    @Override
    public boolean isDataFlavorSupported(DataFlavor flavor) {
      return DataFlavor.javaFileListFlavor.equals(flavor);
    }

    @Override
    public Object getTransferData(DataFlavor flavor) {
      return files;
    }
  }
}
