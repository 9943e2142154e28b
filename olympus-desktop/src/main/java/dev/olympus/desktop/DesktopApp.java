package dev.olympus.desktop;

import dev.olympus.tools.ConsentProvider;
import java.awt.Window;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's controller: the settings file, the open {@link DesktopSession}, the task board, and
 * one background thread for everything that may block (the store, the model), whose results come
 * back on the event thread. Thread-safe.
 */
final class DesktopApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);

  private final Path home;
  private final TaskBoard board = new TaskBoard();
  private final ConsentProvider consent;
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "olympus-desktop-background");
            t.setDaemon(true);
            return t;
          });
  private volatile DesktopSession session;

  private final AtomicReference<Window> window = new AtomicReference<>();

  private DesktopApp(Path home) {
    this.home = home;
    this.consent = ConsentProvider.async(new SwingConsent(window::get)::ask);
  }

  /**
   * Opens the store under {@code home} with its saved settings.
   *
   * @throws IOException if the settings or the store cannot be read
   */
  static DesktopApp open(Path home) throws IOException {
    DesktopApp app = new DesktopApp(home);
    app.session =
        DesktopSession.open(Settings.load(app.settingsFile()), home, app.consent, app.board);
    return app;
  }

  /** The window consent dialogs belong to. */
  void window(Window owner) {
    window.set(owner);
  }

  Path settingsFile() {
    return home.resolve("settings.properties");
  }

  DesktopSession session() {
    return session;
  }

  TaskBoard board() {
    return board;
  }

  /**
   * Reopens the store with {@code settings} and saves them; settings that cannot be used are not
   * saved (the next start would fail on them). Called off the event thread.
   */
  void apply(Settings settings) throws IOException {
    DesktopSession opened = DesktopSession.open(settings, home, consent, board);
    try {
      settings.save(settingsFile());
    } catch (IOException e) {
      opened.close();
      throw e;
    }
    DesktopSession old = session;
    session = opened;
    old.close();
  }

  /**
   * Runs {@code work} on the background thread, then {@code done} with its result or {@code failed}
   * with its exception on the event thread.
   */
  <T> void background(Callable<T> work, Consumer<T> done, Consumer<Exception> failed) {
    background.execute(
        () -> {
          try {
            T result = work.call();
            SwingUtilities.invokeLater(() -> done.accept(result));
          } catch (Exception e) {
            LOG.debug("background work failed", e);
            SwingUtilities.invokeLater(() -> failed.accept(e));
          }
        });
  }

  /** Stops the background thread and closes the session; running plans stay resumable. */
  @Override
  public void close() throws IOException {
    background.shutdownNow();
    session.close();
  }
}
