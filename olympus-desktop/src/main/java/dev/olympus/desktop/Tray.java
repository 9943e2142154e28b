package dev.olympus.desktop;

import java.awt.AWTException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.RenderingHints;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.Optional;
import javax.swing.JFrame;

/** The system-tray icon (when the desktop has a tray): show the window, or quit. */
final class Tray {
  private Tray() {}

  /** Adds the icon for {@code window}; empty when the platform has no tray. */
  static Optional<TrayIcon> install(JFrame window) {
    if (!SystemTray.isSupported()) {
      return Optional.empty();
    }
    PopupMenu menu = new PopupMenu();
    MenuItem show = new MenuItem("Show Olympus");
    show.addActionListener(e -> bringUp(window));
    MenuItem quit = new MenuItem("Quit");
    quit.addActionListener(e -> window.dispose());
    menu.add(show);
    menu.add(quit);
    TrayIcon icon = new TrayIcon(image(), "Olympus", menu);
    icon.setImageAutoSize(true);
    icon.addActionListener(e -> bringUp(window));
    try {
      SystemTray.getSystemTray().add(icon);
      return Optional.of(icon);
    } catch (AWTException e) {
      return Optional.empty();
    }
  }

  static void remove(TrayIcon icon) {
    SystemTray.getSystemTray().remove(icon);
  }

  private static void bringUp(JFrame window) {
    window.setVisible(true);
    window.setState(JFrame.NORMAL);
    window.toFront();
  }

  private static BufferedImage image() {
    BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(0x2F, 0x5D, 0xA8));
    g.fillOval(2, 2, 28, 28);
    g.setColor(Color.WHITE);
    g.fillOval(10, 10, 12, 12);
    g.dispose();
    return image;
  }
}
