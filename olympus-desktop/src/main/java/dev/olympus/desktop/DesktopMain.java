package dev.olympus.desktop;

import com.formdev.flatlaf.FlatLightLaf;
import java.awt.TrayIcon;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.swing.SwingUtilities;

/**
 * Starts the desktop host: {@code java -cp ... dev.olympus.desktop.DesktopMain [home]}, where the
 * home folder (default {@code ~/.olympus-desktop}) holds the store, the settings and the grants.
 */
public final class DesktopMain {
  private DesktopMain() {}

  /**
   * Opens the window.
   *
   * @param args the home folder, optionally
   * @throws IOException if the home folder, its settings or its store cannot be used
   */
  public static void main(String[] args) throws IOException {
    Path home =
        args.length > 0
            ? Path.of(args[0])
            : Path.of(System.getProperty("user.home"), ".olympus-desktop");
    FlatLightLaf.setup();
    DesktopApp app = DesktopApp.open(home);
    SwingUtilities.invokeLater(() -> show(app, true));
  }

  /**
   * Builds and shows the window of {@code app} (event thread); closing it closes the app and, when
   * {@code exit}, ends the process.
   */
  static MainWindow show(DesktopApp app, boolean exit) {
    MainWindow window = new MainWindow(app);
    app.window(window);
    Optional<TrayIcon> tray = Tray.install(window);
    window.addWindowListener(
        new WindowAdapter() {
          @Override
          public void windowClosed(WindowEvent e) {
            tray.ifPresent(Tray::remove);
            closeQuietly(app);
            if (exit) {
              System.exit(0);
            }
          }
        });
    window.setVisible(true);
    app.background(() -> app.session().resumePaused(), n -> {}, e -> {});
    return window;
  }

  private static void closeQuietly(DesktopApp app) {
    try {
      app.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not close the store: " + e.getMessage(), e);
    }
  }
}
