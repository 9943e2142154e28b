package dev.olympus.tools.internal.desktop;

import dev.olympus.tools.DesktopTools;
import dev.olympus.tools.NoDesktopException;
import dev.olympus.tools.internal.Executables;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a file or URL in the user's default application: {@code java.awt.Desktop} when it works,
 * else {@code xdg-open} when a display is set, else a {@link NoDesktopException}. Immutable.
 *
 * @param environment the process environment (for {@code DISPLAY} and {@code WAYLAND_DISPLAY})
 * @param awt whether {@code java.awt.Desktop} can open files and browse here
 * @param xdgOpen the {@code xdg-open} program, if found
 * @param starter starts the fallback command
 */
public record DesktopLauncher(
    Map<String, String> environment,
    boolean awt,
    Optional<Path> xdgOpen,
    Starter starter,
    Optional<DesktopTools.Opener> host) {
  /** Starts a command without waiting for it. */
  @FunctionalInterface
  public interface Starter {
    /** Starts {@code command}. */
    void start(List<String> command) throws IOException;
  }

  /** Returns the launcher of this machine. */
  public static DesktopLauncher system() {
    return new DesktopLauncher(
        System.getenv(),
        awtWorks(),
        Executables.find("xdg-open"),
        DesktopLauncher::startDetached,
        Optional.empty());
  }

  /** Returns a launcher that hands every target to the host's {@code opener}. */
  public static DesktopLauncher through(DesktopTools.Opener opener) {
    return new DesktopLauncher(
        Map.of(), false, Optional.empty(), command -> {}, Optional.of(opener));
  }

  private static boolean awtWorks() {
    return !GraphicsEnvironment.isHeadless()
        && Desktop.isDesktopSupported()
        && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)
        && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE);
  }

  private static void startDetached(List<String> command) throws IOException {
    new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start()
        .getOutputStream()
        .close();
  }

  /**
   * Opens {@code target} (an absolute file path or an http(s) URL) and returns what opened it.
   *
   * @throws NoDesktopException if there is no desktop here
   */
  String open(String toolId, Object target) throws IOException {
    if (host.isPresent()) {
      return host.get().open(target instanceof Path file ? file.toUri() : (URI) target);
    }
    if (awt) {
      if (target instanceof Path file) {
        Desktop.getDesktop().open(file.toFile());
      } else {
        Desktop.getDesktop().browse((URI) target);
      }
      return "java.awt.Desktop";
    }
    if (blank("DISPLAY") && blank("WAYLAND_DISPLAY")) {
      throw new NoDesktopException(toolId, "headless: no DISPLAY or WAYLAND_DISPLAY is set");
    }
    if (xdgOpen.isEmpty()) {
      throw new NoDesktopException(toolId, "neither java.awt.Desktop nor xdg-open is available");
    }
    starter.start(List.of(xdgOpen.get().toString(), target.toString()));
    return "xdg-open";
  }

  private boolean blank(String variable) {
    return environment.getOrDefault(variable, "").isBlank();
  }
}
