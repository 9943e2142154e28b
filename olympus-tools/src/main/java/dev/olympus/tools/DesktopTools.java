package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNull;

import dev.olympus.tools.internal.desktop.DesktopLauncher;
import dev.olympus.tools.internal.desktop.DesktopOpen;
import dev.olympus.tools.internal.http.SsrfGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code desktop.open} tool (scope {@code desktop.open}, side effect): opens a file from the
 * workspace in the user's default application, or an http(s) URL in the user's browser.
 *
 * <pre>{@code
 * Tool open = DesktopTools.builder(workspace).build();
 * }</pre>
 *
 * <p>Input {@code {"path": "notes.md"}} or {@code {"url": "https://example.com/paper.pdf"}}; output
 * {@code {opened, with}}. Files are confined like {@link FileTools} (no {@code ..}, no symbolic
 * links, only regular files), and files a default application might run instead of show (executable
 * files, {@code .desktop}, {@code .sh}, {@code .exe}, {@code .jar}, {@code .js} and similar) are
 * refused. URLs pass the same SSRF guard as {@link HttpTools} (so private and loopback addresses
 * are refused unless allowed). Both are checked by {@link Tool#precheck} before consent, and {@link
 * ConsentGate} asks about every {@code desktop.open} call, whatever grants are held. Opens with
 * {@code java.awt.Desktop} when it works, else with {@code xdg-open} when {@code DISPLAY} or {@code
 * WAYLAND_DISPLAY} is set; otherwise the call fails with a {@link NoDesktopException}. The
 * application opens the file by path after the check. The tool is immutable and thread-safe.
 */
public final class DesktopTools {
  private DesktopTools() {}

  /**
   * Returns a builder for {@code desktop.open} on files in {@code workspace}.
   *
   * @throws NullPointerException if {@code workspace} is null
   */
  public static Builder builder(Path workspace) {
    return new Builder(workspace);
  }

  /**
   * Opens what {@code desktop.open} was allowed to open, instead of the system's default
   * application: a host with its own viewer (a desktop app showing artifacts in place), or a test
   * that records the call. Called after the checks and the consent.
   */
  @FunctionalInterface
  public interface Opener {
    /**
     * Opens {@code target}: a {@code file:} URI of a checked file in the workspace, or the checked
     * http(s) URL.
     *
     * @return what opened it, in words (shown in the tool's output)
     * @throws IOException if it could not be opened (the call fails with a typed tool error)
     */
    String open(URI target) throws IOException;
  }

  /**
   * Configures {@code desktop.open}. Settings may be called again: the last call wins; {@link
   * #allowHosts} adds. Not thread-safe; can build more than once.
   */
  public static final class Builder {
    private final Path workspace;
    private final List<String> allowedHosts = new ArrayList<>();
    private boolean allowLoopback;
    private DesktopLauncher launcher;

    Builder(Path workspace) {
      this.workspace = notNull(workspace, "workspace");
    }

    /**
     * Restricts the URLs opened to these hosts, written as for {@link
     * HttpTools.Builder#allowHosts}; by default any public host.
     *
     * @throws NullPointerException if {@code hosts} or a host is null
     * @throws IllegalArgumentException if a host is blank or its port is not 1 to 65535
     */
    public Builder allowHosts(String... hosts) {
      SsrfGuard.addAllowEntries(allowedHosts, hosts);
      return this;
    }

    /** Allows URLs on loopback addresses, such as a local documentation server. */
    public Builder allowLoopback(boolean allow) {
      this.allowLoopback = allow;
      return this;
    }

    /** Sets how files and URLs are opened; for tests that check the command. */
    Builder launcher(DesktopLauncher launcher) {
      this.launcher = notNull(launcher, "launcher");
      return this;
    }

    /**
     * Opens with {@code opener} instead of the system's default application.
     *
     * @throws NullPointerException if {@code opener} is null
     */
    public Builder opener(Opener opener) {
      notNull(opener, "opener");
      this.launcher = DesktopLauncher.through(opener);
      return this;
    }

    /**
     * Builds the tool.
     *
     * @throws IllegalArgumentException if the workspace is not an existing directory
     */
    public Tool build() {
      SsrfGuard guard = new SsrfGuard(allowedHosts, allowLoopback, InetAddress::getAllByName);
      return new DesktopOpen(
          workspace, guard, launcher == null ? DesktopLauncher.system() : launcher);
    }
  }
}
