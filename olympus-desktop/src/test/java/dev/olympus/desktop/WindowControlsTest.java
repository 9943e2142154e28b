package dev.olympus.desktop;

import static dev.olympus.desktop.OpenWindow.act;
import static dev.olympus.desktop.OpenWindow.first;
import static dev.olympus.desktop.OpenWindow.offline;
import static dev.olympus.desktop.OpenWindow.onEdt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.testing.FakeOllama;
import java.awt.Component;
import java.awt.Container;
import java.awt.Desktop;
import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.Transferable;
import java.awt.event.WindowEvent;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.TransferHandler;
import javax.swing.text.JTextComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person can reach in the window: the five tabs with their titles, each view's controls on
 * screen when its tab is selected, text that is only to be read, and closing the window.
 */
class WindowControlsTest {
  @TempDir Path home;

  @Test
  void theFiveTabsHaveTheirTitlesAndViewsInOrder() throws Exception {
    try (OpenWindow open = OpenWindow.show(home, offline(home))) {
      MainWindow w = open.window;
      assertEquals(
          List.of("Ask", "Chat", "Task queue", "Artifacts", "Settings"),
          onEdt(() -> IntStream.range(0, w.tabs.getTabCount()).mapToObj(w.tabs::getTitleAt))
              .toList());
      List<Component> views = List.of(w.ask, w.chat, w.tasks, w.artifacts, w.settings);
      for (int i = 0; i < views.size(); i++) {
        int index = i;
        assertSame(views.get(i), onEdt(() -> w.tabs.getComponentAt(index)));
      }
      assertShowing(w.status, w.notice);
      assertEquals(
          "no model (offline)  |  0 tokens used  |  cloud off",
          onEdt(w.status::getText),
          "the status bar speaks from the start");
    }
  }

  @Test
  void eachViewsControlsAreOnScreenWhenItsTabIsSelected() throws Exception {
    Settings cloudTicked =
        new Settings(
            "llama3.2",
            URI.create("http://127.0.0.1:9"),
            true,
            URI.create("http://127.0.0.1:9"),
            BigDecimal.ONE,
            true,
            home.resolve("sandbox"));
    try (OpenWindow open = OpenWindow.show(home, cloudTicked)) {
      MainWindow w = open.window;
      select(w, w.ask);
      assertShowing(w.ask.goal, w.ask.draft, w.ask.run, w.ask.note, named(w.ask, "ask-steps"));
      assertShowing(label(w.ask, "Goal:"));
      select(w, w.chat);
      assertShowing(w.chat.transcript, w.chat.message, w.chat.send);
      select(w, w.tasks);
      assertShowing(w.tasks.table, w.tasks.message);
      for (String button : List.of("pause", "resume", "cancel", "approve", "reject", "complete")) {
        assertShowing(named(w.tasks, "task-" + button));
      }
      select(w, w.artifacts);
      assertShowing(w.artifacts.list, w.artifacts.preview, w.artifacts.refresh);
      assertShowing(first(w.artifacts, JButton.class, b -> b.getText().startsWith("Open with")));
      select(w, w.settings);
      SettingsPanel s = w.settings;
      assertShowing(s.model, s.ollamaUrl, s.cloud, s.cloudUrl, s.budget, s.offline, s.sandbox);
      assertShowing(s.apply, s.message);
      assertTrue(onEdt(s.cloud::isSelected), "the saved cloud choice is shown");
      for (String row :
          List.of(
              "Model",
              "Ollama URL",
              "Cloud",
              "Cloud URL (OpenAI-compatible)",
              "Daily cloud budget (USD)",
              "Offline mode",
              "Sandbox folder")) {
        assertShowing(label(s, row));
      }
    }
  }

  @Test
  void textToReadCannotBeTypedIntoAndInputFieldsCan() throws Exception {
    try (OpenWindow open = OpenWindow.show(home, offline(home))) {
      MainWindow w = open.window;
      for (JTextComponent readOnly : List.of(w.ask.note, w.chat.transcript, w.artifacts.preview)) {
        assertFalse(onEdt(readOnly::isEditable), readOnly.getName() + " is only to be read");
      }
      for (JTextComponent input : List.of(w.ask.goal, w.chat.message, w.settings.model)) {
        assertTrue(onEdt(input::isEditable), input.getName() + " takes input");
      }
    }
  }

  @Test
  void closingTheWindowDisposesItAndClosesTheStore() throws Exception {
    try (OpenWindow open = OpenWindow.show(home, offline(home))) {
      DesktopSession session = open.app.session();
      act(
          () ->
              open.window.dispatchEvent(new WindowEvent(open.window, WindowEvent.WINDOW_CLOSING)));
      onEdt(() -> null); // the closed event dispose posted
      assertFalse(onEdt(open.window::isDisplayable), "the closed window is gone");
      assertThrows(IllegalStateException.class, () -> session.memory().counters().get("x"));
    }
  }

  @Test
  void theStatusBarFollowsTheSessionWithoutAClick() throws Exception {
    try (FakeOllama ollama = FakeOllama.start();
        OpenWindow open = OpenWindow.show(home, offline(home))) {
      CountDownLatch followed = new CountDownLatch(1);
      String withModel = "model llama3.2  |  0 tokens used  |  cloud off";
      act(
          () ->
              open.window.status.addPropertyChangeListener(
                  "text",
                  e -> {
                    if (withModel.equals(e.getNewValue())) {
                      followed.countDown();
                    }
                  }));
      open.app.apply(
          new Settings(
              "llama3.2",
              ollama.uri(),
              false,
              ollama.uri(),
              BigDecimal.ONE,
              false,
              home.resolve("sandbox")));
      assertTrue(followed.await(60, TimeUnit.SECONDS), "the status bar still says no model");
    }
  }

  @Test
  void openWithTheSystemAppIsOfferedOnlyWhereTheSystemCanOpenAFile() throws Exception {
    try (OpenWindow open = OpenWindow.show(home, offline(home))) {
      boolean systemOpens =
          Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN);
      JButton external =
          first(open.window.artifacts, JButton.class, b -> b.getText().startsWith("Open with"));
      assertEquals(systemOpens, onEdt(external::isEnabled));
    }
  }

  @Test
  void aDroppedFileListIsTakenAndOtherKindsOfDropAreRefused() throws Exception {
    try (OpenWindow open = OpenWindow.show(home, offline(home))) {
      Path docs = Files.createDirectories(home.resolve("docs"));
      Files.writeString(docs.resolve("q3.md"), "Revenue grew 12% on demand.");
      TransferHandler onTabs = onEdt(open.window.tabs::getTransferHandler);
      Transferable files = new WindowScenario.FileList(List.of(docs.toFile()));
      Transferable text = new StringSelection(docs.toString());
      assertTrue(onEdt(() -> onTabs.canImport(support(open, files))), "a file list is taken");
      assertFalse(onEdt(() -> onTabs.canImport(support(open, text))), "text is refused");
      assertFalse(onEdt(() -> onTabs.importData(support(open, text))), "text is not imported");
      open.settle();
      assertEquals(" ", onEdt(open.window.notice::getText), "nothing was ingested");
    }
  }

  private static TransferHandler.TransferSupport support(OpenWindow open, Transferable dropped) {
    return new TransferHandler.TransferSupport(open.window.tabs, dropped);
  }

  private static void select(MainWindow w, Component view) throws Exception {
    act(() -> w.tabs.setSelectedComponent(view));
  }

  /** Each of {@code components} is on screen with room to see and click it. */
  private static void assertShowing(Component... components) throws Exception {
    for (Component c : components) {
      assertTrue(onEdt(c::isShowing), describe(c) + " is on screen");
      JComponent seen = c instanceof JTable table ? (JComponent) table.getParent() : (JComponent) c;
      assertFalse(onEdt(seen::getVisibleRect).isEmpty(), describe(c) + " has room on screen");
    }
  }

  private static String describe(Component c) {
    return c instanceof JLabel l ? "label " + l.getText() : String.valueOf(c.getName());
  }

  private static Component named(Container root, String name) {
    return OpenWindow.named(root, name, JComponent.class);
  }

  /** The label reading exactly {@code text} inside {@code root}. */
  private static JLabel label(Container root, String text) throws Exception {
    List<JLabel> found = new ArrayList<>();
    onEdt(() -> collect(root, text, found));
    assertEquals(1, found.size(), "one label " + text);
    return found.get(0);
  }

  private static Void collect(Container root, String text, List<JLabel> found) {
    for (Component c : root.getComponents()) {
      if (c instanceof JLabel l && text.equals(l.getText())) {
        found.add(l);
      } else if (c instanceof Container inner) {
        collect(inner, text, found);
      }
    }
    return null;
  }
}
