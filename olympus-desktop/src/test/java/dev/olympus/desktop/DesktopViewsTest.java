package dev.olympus.desktop;

import static dev.olympus.desktop.OpenWindow.act;
import static dev.olympus.desktop.OpenWindow.named;
import static dev.olympus.desktop.OpenWindow.offline;
import static dev.olympus.desktop.OpenWindow.onEdt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.executor.PlanRun;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import dev.olympus.testing.FakeOllama;
import dev.olympus.testing.FakeReply;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentProvider;
import java.awt.Color;
import java.awt.Dialog;
import java.awt.event.WindowEvent;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import javax.swing.JButton;
import javax.swing.JTable;
import javax.swing.JTextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's views in this JVM, on the display: what a person sees after each click (see {@link
 * OpenWindow}). {@link DesktopWindowTest} runs the whole demo and takes the screenshots.
 */
class DesktopViewsTest {
  private static final String NOTES = "notes/revenue-grew.md";

  @TempDir Path home;

  @Test
  void aDroppedFolderIsIngestedAndADroppedFileRefused() throws Exception {
    try (OpenWindow open = OpenWindow.show(home, offline(home))) {
      Path docs = docs();
      assertFalse(open.drop(docs.resolve("q3.md")), "a file alone is not taken");
      assertEquals(" ", onEdt(open.window.notice::getText));
      assertEquals(
          "Ingesting docs…",
          onEdt(() -> open.dropNow(docs) ? open.window.notice.getText() : "not taken"));
      open.settle();
      assertEquals("1 document(s) ingested", onEdt(open.window.notice::getText));
      act(() -> open.window.ingest(home.resolve("gone")));
      open.settle();
      assertEquals(
          "Not ingested: not a folder: " + home.resolve("gone"),
          onEdt(open.window.notice::getText));
      act(open.window::refreshStatus);
      open.settle();
      assertEquals(
          "no model (offline)  |  0 tokens used  |  cloud off", onEdt(open.window.status::getText));
    }
  }

  @Test
  void askDraftsRunsAsksConsentAndTheQueueShowsThePlanDone() throws Exception {
    try (OpenWindow open = OpenWindow.show(home, offline(home))) {
      open.app.session().ingest(docs());
      AskPanel ask = open.window.ask;
      assertFalse(onEdt(ask.run::isEnabled), "nothing to run before a draft");
      act(
          () -> {
            open.window.tabs.setSelectedComponent(ask);
            ask.goal.setText("revenue grew");
            ask.draft.doClick();
          });
      open.settle();
      assertEquals(2, onEdt(ask.steps::size));
      assertTrue(onEdt(() -> ask.steps.get(0)).startsWith("1. "), onEdt(() -> ask.steps.get(0)));
      assertTrue(onEdt(() -> ask.steps.get(1)).contains("fs.write"));
      String note = onEdt(ask.note::getText);
      assertTrue(note.startsWith("Offline mode is on.") && note.endsWith("."), note);
      assertTrue(note.contains(OfflinePlanner.WHAT_A_MODEL_ADDS), note);
      assertTrue(OpenWindow.readWithoutScrollingSideways(ask.note));
      assertTrue(onEdt(ask.run::isEnabled));

      open.click(ask.run);
      assertFalse(onEdt(ask.run::isEnabled), "a draft runs once");
      assertSame(open.window.tasks, onEdt(open.window.tabs::getSelectedComponent));
      ConsentDialog dialog = open.nextDialog();
      assertSame(open.window, dialog.getOwner(), "the question belongs to the window");
      assertTrue(text(dialog, "consent-title").startsWith("fs.write wants to run (plan "));
      assertTrue(text(dialog, "consent-input").contains(NOTES), text(dialog, "consent-input"));
      assertTrue(
          text(dialog, "consent-identity").matches("Input: \\d+ bytes, SHA-256 [0-9a-f]{64}"));
      act(named(dialog, "consent-once", JButton.class)::doClick);
      assertFalse(onEdt(dialog::isDisplayable), "answering closes the dialog");
      open.awaitBoard("the plan DONE", OpenWindowRows::allDone);
      TaskPanel.Rows rows = open.window.tasks.rows;
      assertEquals(2, onEdt(rows::getRowCount));
      assertEquals(
          List.of("revenue grew", "DONE", "DONE"),
          onEdt(
              () -> List.of(rows.getValueAt(1, 0), rows.getValueAt(1, 1), rows.getValueAt(1, 3))));
      assertEquals("", onEdt(() -> rows.getValueAt(1, 4)));
      assertEquals("plan state", onEdt(() -> rows.getColumnName(1)));
      JTable table = open.window.tasks.table;
      assertEquals(
          List.of("plan", "plan state", "step", "step state", "note"),
          onEdt(
              () ->
                  IntStream.range(0, table.getColumnCount())
                      .mapToObj(table::getColumnName)
                      .toList()));
      assertTrue(Files.readString(home.resolve("sandbox").resolve(NOTES)).contains("grew 12%"));
    }
  }

  @Test
  void aNewDraftCannotBeRunBeforeItIsShownAndABlankGoalSaysWhatToType() throws Exception {
    try (OpenWindow open = OpenWindow.show(home, offline(home))) {
      AskPanel ask = open.window.ask;
      act(() -> ask.goal.setText("revenue grew"));
      open.click(ask.draft);
      assertTrue(onEdt(ask.run::isEnabled));
      List<Object> drafting =
          onEdt(
              () -> {
                ask.goal.setText("   ");
                ask.draft.doClick();
                return List.of(ask.run.isEnabled(), ask.note.getText());
              });
      assertEquals(List.of(false, "Drafting…"), drafting);
      open.settle();
      assertEquals("goal: say what you want done, e.g. notes on revenue", onEdt(ask.note::getText));
      assertFalse(onEdt(ask.run::isEnabled), "nothing new to run");
      act(() -> ask.goal.setText("revenue"));
      open.click(ask.draft);
      assertEquals(2, onEdt(ask.steps::size), "the new draft's steps replace the old ones");
      assertTrue(onEdt(() -> ask.steps.get(1)).contains("notes/revenue.md"));
    }
  }

  @Test
  void aClosedDialogDeniesAndTheQueueApprovesTheBlockedStep() throws Exception {
    try (OpenWindow open = OpenWindow.show(home, offline(home))) {
      open.app.session().ingest(docs());
      TaskPanel tasks = open.window.tasks;
      open.click(named(tasks, "task-approve", JButton.class));
      assertEquals("Select a step first.", onEdt(tasks.message::getText));
      draftAndRun(open);
      ConsentDialog dialog = open.nextDialog();
      act(() -> dialog.dispatchEvent(new WindowEvent(dialog, WindowEvent.WINDOW_CLOSING)));
      open.awaitBoard("the write BLOCKED", rows -> rows.get(1).state() == StepState.BLOCKED);
      assertEquals("BLOCKED", onEdt(() -> tasks.rows.getValueAt(1, 3)));
      String why = (String) onEdt(() -> tasks.rows.getValueAt(1, 4));
      assertTrue(why.contains("the consent dialog was closed"), why);
      String step = (String) onEdt(() -> tasks.rows.getValueAt(1, 2));
      act(() -> tasks.table.setRowSelectionInterval(1, 1));
      open.click(named(tasks, "task-approve", JButton.class));
      assertEquals("Approve: " + step, onEdt(tasks.message::getText));
      open.awaitBoard("the approved plan DONE", OpenWindowRows::allDone);
      assertEquals("DONE", onEdt(() -> tasks.rows.getValueAt(1, 1)));
    }
  }

  @Test
  void theSelectionStaysWhileOtherPlansChangeAndRejectAndCancelEndThePlans() throws Exception {
    try (OpenWindow open = OpenWindow.show(home, offline(home))) {
      TaskPanel tasks = deniedAndSelected(open);
      draftAndRun(open);
      ConsentDialog waiting = open.nextDialog();
      open.awaitBoard("the second plan", rows -> rows.size() == 4);
      assertEquals(1, onEdt(tasks.table::getSelectedRow), "the selected step stays selected");

      open.click(named(tasks, "task-reject", JButton.class));
      String step = (String) onEdt(() -> tasks.rows.getValueAt(1, 2));
      assertEquals("Reject: " + step, onEdt(tasks.message::getText));
      open.awaitBoard("the rejected plan FAILED", rows -> "FAILED".equals(rows.get(1).planState()));
      assertEquals("SKIPPED", onEdt(() -> tasks.rows.getValueAt(1, 3)));

      act(() -> tasks.table.setRowSelectionInterval(3, 3));
      open.click(named(tasks, "task-cancel", JButton.class));
      assertEquals("Cancel: " + step, onEdt(tasks.message::getText));
      open.awaitBoard("the plan CANCELLED", rows -> "CANCELLED".equals(rows.get(3).planState()));
      OpenWindow.awaitClosed(waiting); // the question was withdrawn
      assertFalse(Files.exists(home.resolve("sandbox").resolve(NOTES)), "nothing was written");
    }
  }

  @Test
  void settingsShowTheSavedChoicesRefuseBadInputAndApplyTheModel() throws Exception {
    try (FakeOllama ollama = FakeOllama.start();
        OpenWindow open = OpenWindow.show(home, offline(home))) {
      SettingsPanel settings = open.window.settings;
      assertEquals("llama3.2", onEdt(settings.model::getText));
      assertTrue(onEdt(settings.offline::isSelected));
      assertEquals("1", onEdt(settings.budget::getText));
      assertEquals(home.resolve("sandbox").toString(), onEdt(settings.sandbox::getText));
      assertFalse(onEdt(settings.cloud::isSelected));
      act(() -> settings.budget.setText("-2"));
      open.click(settings.apply);
      assertEquals("daily budget: must be 0 or more USD, not -2", onEdt(settings.message::getText));
      assertEquals(offline(home), Settings.load(open.app.settingsFile()), "nothing saved");
      Path aFile = Files.writeString(home.resolve("a-file"), "x");
      act(
          () -> {
            settings.budget.setText("1");
            settings.sandbox.setText(aFile.resolve("sandbox").toString());
          });
      assertEquals(
          "Applying…",
          onEdt(
              () -> {
                settings.apply.doClick();
                return settings.message.getText();
              }),
          "the person sees the work start");
      open.settle();
      String notApplied = onEdt(settings.message::getText);
      assertTrue(notApplied.startsWith("Not applied: "), notApplied);
      assertEquals(
          offline(home),
          Settings.load(open.app.settingsFile()),
          "what could not be used is not saved");
      act(() -> settings.sandbox.setText(home.resolve("sandbox").toString()));

      act(
          () -> {
            settings.budget.setText("0.25");
            settings.offline.setSelected(false);
            settings.cloud.setSelected(true);
            settings.ollamaUrl.setText(ollama.uri().toString());
          });
      open.click(settings.apply);
      assertEquals("Using llama3.2.", onEdt(settings.message::getText));
      Settings saved = Settings.load(open.app.settingsFile());
      assertEquals(new BigDecimal("0.25"), saved.dailyBudget());
      assertFalse(saved.offline());
      assertTrue(saved.cloud());
      assertEquals(ollama.uri(), saved.ollamaUrl());
      assertEquals("llama3.2", open.app.session().modelInUse());
    }
  }

  @Test
  void chatSaysWhatAModelAddsOfflineAndShowsTheModelsAnswerAndFailure() throws Exception {
    try (FakeOllama ollama = FakeOllama.start();
        OpenWindow open = OpenWindow.show(home, offline(home))) {
      ChatPanel chat = open.window.chat;
      act(() -> chat.message.setText("   "));
      open.click(chat.send);
      assertEquals("", onEdt(chat.transcript::getText), "a blank message is not sent");
      act(() -> chat.message.setText("what did revenue do?"));
      open.click(chat.send);
      assertEquals(
          "you: what did revenue do?\nOffline mode is on. "
              + OfflinePlanner.WHAT_A_MODEL_ADDS
              + "\n",
          onEdt(chat.transcript::getText));
      assertTrue(OpenWindow.readWithoutScrollingSideways(chat.transcript));
      assertEquals("", onEdt(chat.message::getText));

      open.app.apply(withModel(ollama.uri()));
      ollama.enqueue(FakeReply.text("It grew 12%."), FakeReply.serverError());
      act(() -> chat.message.setText("and now?"));
      boolean enabled =
          onEdt(
              () -> {
                chat.send.doClick();
                return chat.send.isEnabled();
              });
      assertFalse(enabled, "one message at a time");
      open.settle();
      assertTrue(
          onEdt(chat.transcript::getText).endsWith("you: and now?\nassistant: It grew 12%.\n"));
      assertTrue(onEdt(chat.send::isEnabled));
      act(() -> chat.message.setText("again?"));
      open.click(chat.send);
      String failed = onEdt(chat.transcript::getText);
      assertTrue(failed.endsWith(")\n") && failed.contains("you: again?\n("), failed);
      assertTrue(onEdt(chat.send::isEnabled));

      String write = "{\"path\":\"notes/chat.md\",\"content\":\"Revenue grew 12%.\"}";
      ollama.enqueue(FakeReply.toolCall("fs_write", write), FakeReply.text("I wrote it."));
      act(
          () -> {
            chat.message.setText("write a note");
            chat.message.postActionEvent(); // Enter
          });
      act(named(open.nextDialog(), "consent-once", JButton.class)::doClick);
      open.settle();
      String called = onEdt(chat.transcript::getText);
      assertTrue(called.contains("\n  tool fs.write {"), called);
      assertTrue(called.contains("notes/chat.md") && called.contains(" → "), called);
      assertTrue(called.endsWith("assistant: I wrote it.\n"), called);
    }
  }

  @Test
  void artifactsListTheSandboxAndOpenAFileInPlace() throws Exception {
    try (OpenWindow open = OpenWindow.show(home, offline(home))) {
      Path notes = home.resolve("sandbox").resolve(NOTES);
      Files.createDirectories(notes.getParent());
      Files.writeString(notes, "Revenue grew 12%. ".repeat(60) + "\n".repeat(200));
      ArtifactsPanel artifacts = open.window.artifacts;
      act(() -> open.window.tabs.setSelectedComponent(artifacts));
      open.settle();
      assertEquals(List.of(NOTES), onEdt(() -> List.of(artifacts.files.toArray())));
      act(() -> artifacts.list.setSelectedValue(NOTES, true));
      open.settle();
      assertTrue(onEdt(artifacts.preview::getText).startsWith("Revenue grew 12%."));
      assertEquals(0, onEdt(artifacts.preview::getCaretPosition), "shown from the top");
      assertTrue(OpenWindow.readWithoutScrollingSideways(artifacts.preview));
      Files.writeString(home.resolve("sandbox/summary.md"), "short");
      open.click(artifacts.refresh);
      assertEquals(List.of(NOTES, "summary.md"), onEdt(() -> List.of(artifacts.files.toArray())));
      Files.delete(notes);
      act(() -> artifacts.list.setSelectedValue(NOTES, true));
      open.settle();
      String gone = onEdt(artifacts.preview::getText);
      assertTrue(gone.startsWith("Cannot open " + NOTES + ": "), gone);
    }
  }

  @Test
  void completeSettlesABlockedStepWithThePersonsOutputAndRefusesWhatIsNotJson() throws Exception {
    try (OpenWindow open = OpenWindow.show(home, offline(home))) {
      TaskPanel tasks = deniedAndSelected(open);
      act(() -> tasks.table.setRowSelectionInterval(0, 0));
      open.click(named(tasks, "task-pause", JButton.class));
      String paused = "Pause: " + onEdt(() -> tasks.rows.getValueAt(0, 2));
      assertEquals(paused, onEdt(tasks.message::getText), "the first step can be chosen too");
      assertEquals(0, onEdt(tasks.table::getSelectedRow), "the selected step stays selected");
      act(() -> tasks.table.setRowSelectionInterval(1, 1));
      JButton complete = named(tasks, "task-complete", JButton.class);
      open.answerInput(complete, null);
      assertEquals(paused, onEdt(tasks.message::getText), "cancelled: nothing done");
      open.answerInput(complete, "{not json");
      String refused = onEdt(tasks.message::getText);
      assertTrue(refused.startsWith("Complete failed: not JSON: "), refused);
      open.answerInput(complete, "{\"path\": \"notes/by-hand.md\"}");
      String step = (String) onEdt(() -> tasks.rows.getValueAt(1, 2));
      assertEquals("Complete: " + step, onEdt(tasks.message::getText));
      open.awaitBoard("the plan DONE", OpenWindowRows::allDone);
      assertFalse(Files.exists(home.resolve("sandbox").resolve(NOTES)), "the person wrote it");
    }
  }

  @Test
  void theWindowPutsPausedPlansInTheQueueAndClosingItClosesTheStore() throws Exception {
    ConsentProvider denyAll =
        ConsentProvider.async(r -> CompletableFuture.completedFuture(ConsentDecision.deny("no")));
    try (DesktopSession earlier =
        DesktopSession.open(offline(home), home, denyAll, new TaskBoard())) {
      earlier.ingest(docs());
      PlanRun run = earlier.start(earlier.draft("revenue grew").plan());
      assertEquals(PlanState.PAUSED, run.await(Duration.ofSeconds(60)).orElseThrow().state());
    }
    OpenWindow open = OpenWindow.show(home, offline(home));
    DesktopSession session;
    try {
      session = open.app.session();
      open.awaitBoard("the paused plan", rows -> rows.size() == 2);
      assertEquals("PAUSED", onEdt(() -> open.window.tasks.rows.getValueAt(1, 1)));
      assertEquals("BLOCKED", onEdt(() -> open.window.tasks.rows.getValueAt(1, 3)));
    } finally {
      open.close();
    }
    assertThrows(IllegalStateException.class, () -> session.memory().counters().get("x"));
  }

  @Test
  void theConsentDialogShowsWhatWillRunAndEachButtonGivesItsAnswer() throws Exception {
    OpenWindow.assumeDisplay();
    ConsentView destructive =
        new ConsentView(
            "fs.delete wants to run",
            "delete a.md",
            "DESTRUCTIVE: deletes a file",
            "{\"path\": \"a.md\"}",
            "16 bytes, SHA-256 00",
            true);
    CompletableFuture<ConsentDecision> forPlan = new CompletableFuture<>();
    ConsentDialog dialog = onEdt(() -> new ConsentDialog(null, destructive, forPlan));
    assertEquals("Allow this action?", dialog.getTitle());
    assertEquals(Dialog.ModalityType.MODELESS, dialog.getModalityType());
    assertEquals("fs.delete wants to run", text(dialog, "consent-title"));
    assertEquals("delete a.md", text(dialog, "consent-summary"));
    assertEquals("Input: 16 bytes, SHA-256 00", text(dialog, "consent-identity"));
    assertEquals(
        new Color(0xB0, 0x1C, 0x1C),
        onEdt(named(dialog, "consent-effect", JTextArea.class)::getForeground),
        "a destructive effect is red");
    assertEquals("DESTRUCTIVE: deletes a file", text(dialog, "consent-effect"));
    assertEquals("{\"path\": \"a.md\"}", text(dialog, "consent-input"));
    act(() -> dialog.setVisible(true));
    for (String area : List.of("title", "summary", "effect", "identity", "input")) {
      JTextArea shown = named(dialog, "consent-" + area, JTextArea.class);
      assertTrue(onEdt(shown::isShowing), area + " is on screen");
      assertFalse(onEdt(shown::isEditable), area + " cannot be typed into");
    }
    List<String> labels = List.of("Allow once", "Allow for this plan", "Always allow", "Deny");
    for (Answer answer : Answer.values()) {
      JButton button =
          named(dialog, "consent-" + answer.name().toLowerCase(Locale.ROOT), JButton.class);
      assertTrue(onEdt(button::isShowing), answer + " is on screen");
      assertEquals(labels.get(answer.ordinal()), onEdt(button::getText));
    }
    act(named(dialog, "consent-plan", JButton.class)::doClick);
    assertEquals(ConsentDecision.allowForPlan(), forPlan.get());
    assertFalse(onEdt(dialog::isDisplayable));

    ConsentView harmless =
        new ConsentView("fs.write wants to run", "write", "writes a file", "{}", "2 bytes", false);
    CompletableFuture<ConsentDecision> always = new CompletableFuture<>();
    ConsentDialog second = onEdt(() -> new ConsentDialog(null, harmless, always));
    assertNotEquals(
        new Color(0xB0, 0x1C, 0x1C),
        onEdt(named(second, "consent-effect", JTextArea.class)::getForeground));
    act(named(second, "consent-always", JButton.class)::doClick);
    assertEquals(ConsentDecision.allowAlways(), always.get());
  }

  @Test
  void theConsentDialogShowsLongTextWholeAndClosingItDeniesAndClosesIt() throws Exception {
    OpenWindow.assumeDisplay();
    String words = "write the quarterly revenue notes into the shared folder ".repeat(3);
    ConsentView view =
        new ConsentView(
            "fs.write wants to run (plan " + "p".repeat(60) + ", step notes)",
            words.strip(),
            "writes a file; needs " + "fs.write, ".repeat(12) + "fs.read",
            "{\"content\": \"" + words + "\"}",
            "2 bytes, SHA-256 " + "0".repeat(64),
            false);
    CompletableFuture<ConsentDecision> answer = new CompletableFuture<>();
    ConsentDialog dialog = onEdt(() -> new ConsentDialog(null, view, answer));
    act(() -> dialog.setVisible(true));
    for (String area : List.of("title", "summary", "effect", "identity")) {
      JTextArea shown = named(dialog, "consent-" + area, JTextArea.class);
      Rectangle2D end = onEdt(() -> shown.modelToView2D(shown.getDocument().getLength()));
      assertTrue(
          onEdt(shown::getVisibleRect).contains(end.getX(), end.getCenterY()),
          area + " is shown to its last character");
    }
    assertTrue(
        OpenWindow.readWithoutScrollingSideways(named(dialog, "consent-input", JTextArea.class)));
    act(() -> dialog.dispatchEvent(new WindowEvent(dialog, WindowEvent.WINDOW_CLOSING)));
    assertEquals(ConsentDecision.deny("the consent dialog was closed"), answer.get());
    assertFalse(onEdt(dialog::isDisplayable), "the closed dialog is gone");
  }

  /** Runs the offline plan, denies its write, and selects the BLOCKED step in the task queue. */
  private TaskPanel deniedAndSelected(OpenWindow open) throws Exception {
    open.app.session().ingest(docs());
    TaskPanel tasks = open.window.tasks;
    draftAndRun(open);
    act(named(open.nextDialog(), "consent-deny", JButton.class)::doClick);
    open.awaitBoard("the plan PAUSED", rows -> "PAUSED".equals(rows.get(1).planState()));
    act(() -> tasks.table.setRowSelectionInterval(1, 1));
    return tasks;
  }

  private static void draftAndRun(OpenWindow open) throws Exception {
    AskPanel ask = open.window.ask;
    act(() -> ask.goal.setText("revenue grew"));
    open.click(ask.draft);
    open.click(ask.run);
  }

  private static String text(ConsentDialog dialog, String name) throws Exception {
    return onEdt(named(dialog, name, JTextArea.class)::getText);
  }

  private Settings withModel(URI ollama) {
    return new Settings(
        "llama3.2", ollama, false, ollama, BigDecimal.ONE, false, home.resolve("sandbox"));
  }

  private Path docs() throws Exception {
    Path docs = Files.createDirectories(home.resolve("docs"));
    Files.writeString(docs.resolve("q3.md"), "Revenue grew 12% on demand.");
    return docs;
  }

  /** Predicates on the task board's rows. */
  private static final class OpenWindowRows {
    private OpenWindowRows() {}

    static boolean allDone(List<TaskBoard.Row> rows) {
      return !rows.isEmpty()
          && rows.stream()
              .allMatch(r -> r.state() == StepState.DONE && "DONE".equals(r.planState()));
    }
  }
}
