package dev.olympus.desktop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.formdev.flatlaf.FlatLightLaf;
import java.awt.AWTEvent;
import java.awt.Component;
import java.awt.Container;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.AWTEventListener;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.geom.Rectangle2D;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.swing.AbstractButton;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.TransferHandler;
import javax.swing.UIManager;

/**
 * The shared fixture of the in-process view tests: the real window of a {@link DesktopApp} over a
 * home folder, acted on from the event thread as a person would. Waits are on the app's own signals
 * (its one background thread, the task board's changes, the consent dialog opening), never on a
 * clock. Needs a display: skipped, saying so, on a headless JVM.
 */
final class OpenWindow implements AutoCloseable {
  static final String NEEDS_A_DISPLAY =
      "the view tests need an X display: DISPLAY is not set (CI exports DISPLAY=:99 with an Xvfb"
          + " running; locally: Xvfb :78 -screen 0 1280x900x24 -nolisten tcp & DISPLAY=:78)";
  private static final long PATIENCE_SECONDS = 60;

  final DesktopApp app;
  final MainWindow window;
  private final BlockingQueue<ConsentDialog> dialogs = new LinkedBlockingQueue<>();
  private final BlockingQueue<JDialog> others = new LinkedBlockingQueue<>();
  private final AWTEventListener dialogOpened =
      event -> {
        if (event.getID() == WindowEvent.WINDOW_OPENED) {
          Window opened = ((WindowEvent) event).getWindow();
          if (opened instanceof ConsentDialog dialog) {
            dialogs.add(dialog);
          } else if (opened instanceof JDialog dialog) {
            others.add(dialog);
          }
        }
      };

  private OpenWindow(DesktopApp app, MainWindow window) {
    this.app = app;
    this.window = window;
  }

  /** Saves {@code settings} under {@code home} and shows the app's window over it. */
  static OpenWindow show(Path home, Settings settings) throws Exception {
    assumeDisplay();
    settings.save(home.resolve("settings.properties"));
    onEdt(FlatLightLaf::setup);
    DesktopApp app = DesktopApp.open(home);
    OpenWindow open = new OpenWindow(app, onEdt(() -> DesktopMain.show(app, false)));
    Toolkit.getDefaultToolkit().addAWTEventListener(open.dialogOpened, AWTEvent.WINDOW_EVENT_MASK);
    open.settle();
    return open;
  }

  /** Skips the calling test, saying what it needs, when this JVM has no display. */
  static void assumeDisplay() {
    assumeFalse(GraphicsEnvironment.isHeadless(), NEEDS_A_DISPLAY);
  }

  /** Settings with no model, the sandbox under {@code home}. */
  static Settings offline(Path home) {
    return new Settings(
        "llama3.2",
        URI.create("http://127.0.0.1:9"),
        false,
        URI.create("http://127.0.0.1:9"),
        BigDecimal.ONE,
        true,
        home.resolve("sandbox"));
  }

  /** Runs {@code work} on the event thread and returns its result. */
  static <T> T onEdt(Callable<T> work) throws Exception {
    return WindowScenario.onEdt(work);
  }

  /** Runs {@code action} on the event thread. */
  static void act(Runnable action) throws Exception {
    onEdt(
        () -> {
          action.run();
          return null;
        });
  }

  /** Clicks {@code button} on the event thread, then lets the work it started finish. */
  void click(AbstractButton button) throws Exception {
    act(button::doClick);
    settle();
  }

  /**
   * Returns once the background work queued so far has run and its result reached the view (the
   * background thread runs in order, and so does the event thread).
   */
  void settle() throws Exception {
    CountDownLatch idle = new CountDownLatch(1);
    app.background(() -> "", ignored -> idle.countDown(), e -> idle.countDown());
    assertTrue(idle.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the background thread hangs");
  }

  /** Waits until the task board's rows satisfy {@code holds} and the task queue shows them. */
  void awaitBoard(String what, Predicate<List<TaskBoard.Row>> holds) throws Exception {
    CountDownLatch seen = new CountDownLatch(1);
    app.board()
        .onChange(
            () -> {
              if (holds.test(app.board().rows())) {
                seen.countDown();
              }
            });
    if (holds.test(app.board().rows())) {
      seen.countDown();
    }
    assertTrue(
        seen.await(PATIENCE_SECONDS, TimeUnit.SECONDS),
        "waited for " + what + ": " + app.board().rows());
    onEdt(() -> null); // the task queue's update was queued before this
  }

  /** The next consent dialog to open. */
  ConsentDialog nextDialog() throws Exception {
    ConsentDialog dialog = dialogs.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
    assertTrue(dialog != null, "no consent dialog opened");
    return dialog;
  }

  /**
   * Clicks {@code button}, which opens a modal input dialog, types {@code answer} into it and
   * presses OK, or Cancel when {@code answer} is null; then lets the work it started finish.
   */
  void answerInput(AbstractButton button, String answer) throws Exception {
    others.clear();
    CountDownLatch clicked = new CountDownLatch(1);
    SwingUtilities.invokeLater( // the modal dialog holds this event until it closes
        () -> {
          button.doClick();
          clicked.countDown();
        });
    JDialog input = showingDialog();
    String choice =
        UIManager.getString(
            answer == null ? "OptionPane.cancelButtonText" : "OptionPane.okButtonText");
    act(
        () -> {
          if (answer != null) {
            first(input, JTextField.class, field -> true).setText(answer);
          }
          first(input, JButton.class, b -> choice.equals(b.getText())).doClick();
        });
    assertTrue(clicked.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the click did not return");
    settle();
  }

  /** The next dialog opened that is still showing (an opened event may come twice). */
  private JDialog showingDialog() throws Exception {
    while (true) {
      JDialog opened = others.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
      assertTrue(opened != null, "no input dialog opened");
      if (onEdt(opened::isShowing)) {
        return opened;
      }
    }
  }

  /** The first component of {@code type} inside {@code root} that {@code matches}. */
  static <C extends Component> C first(Container root, Class<C> type, Predicate<C> matches) {
    for (Component c : root.getComponents()) {
      if (type.isInstance(c) && matches.test(type.cast(c))) {
        return type.cast(c);
      }
      if (c instanceof Container inner) {
        try {
          return first(inner, type, matches);
        } catch (AssertionError notInside) {
          // look on
        }
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + root.getName());
  }

  /** Waits until {@code dialog} has closed. */
  static void awaitClosed(Window dialog) throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    act(
        () -> {
          if (!dialog.isDisplayable()) {
            closed.countDown();
          }
          dialog.addWindowListener(
              new WindowAdapter() {
                @Override
                public void windowClosed(WindowEvent e) {
                  closed.countDown();
                }
              });
        });
    assertTrue(closed.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the dialog stayed open");
  }

  /** Drops {@code files} on the window as a file manager would; whether the drop was taken. */
  boolean drop(Path... files) throws Exception {
    return onEdt(() -> dropNow(files));
  }

  /**
   * {@link #drop} on the event thread, for a check in the same event as the drop. The drop lands on
   * the tabs, which fill the window.
   */
  boolean dropNow(Path... files) {
    List<File> dropped = Arrays.stream(files).map(Path::toFile).toList();
    return window
        .tabs
        .getTransferHandler()
        .importData(
            new TransferHandler.TransferSupport(window.tabs, new WindowScenario.FileList(dropped)));
  }

  /**
   * Whether the start and the end of {@code area}'s text (its trailing line breaks aside) both lie
   * within the width the area shows: a long line is wrapped, never left for the person to scroll
   * sideways to.
   */
  static boolean readWithoutScrollingSideways(JTextArea area) throws Exception {
    return onEdt(
        () -> {
          Rectangle seen = area.getVisibleRect();
          Rectangle2D first = area.modelToView2D(0);
          Rectangle2D last = area.modelToView2D(area.getText().stripTrailing().length());
          return first.getX() >= seen.getX() && last.getX() <= seen.getMaxX();
        });
  }

  /** The component named {@code name} inside {@code root}. */
  static <C extends Component> C named(Container root, String name, Class<C> type) {
    return type.cast(WindowScenario.find(root, name));
  }

  /** Closes every window (the main one closes the app) and stops listening for dialogs. */
  @Override
  public void close() throws InvocationTargetException {
    Toolkit.getDefaultToolkit().removeAWTEventListener(dialogOpened);
    try {
      SwingUtilities.invokeAndWait(
          () -> Arrays.stream(Window.getWindows()).forEach(Window::dispose));
      SwingUtilities.invokeAndWait(() -> {}); // the closed listener dispose queued closes the app
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing the window", e);
    }
  }
}
