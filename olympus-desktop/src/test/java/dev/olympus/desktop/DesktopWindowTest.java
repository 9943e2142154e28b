package dev.olympus.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real window through the plan demo (see {@link WindowScenario}) on the display, or on an
 * Xvfb this test starts when there is none; skipped, saying why, when neither exists.
 */
class DesktopWindowTest {
  private static final List<String> VIEWS =
      List.of("ask", "consent", "tasks", "artifacts", "chat", "settings", "budget");

  @Test
  void drivesThePlanDemoWithAConsentDialogAndSavesScreenshots(@TempDir Path home) throws Exception {
    Path shots =
        Path.of(System.getProperty("olympus.screenshots", "target/screenshots")).toAbsolutePath();
    if (!GraphicsEnvironment.isHeadless()) {
      WindowScenario.run(home, shots);
    } else {
      Optional<Path> xvfb = Xvfb.binary();
      assumeTrue(
          xvfb.isPresent(),
          "the desktop window test needs an X display: DISPLAY is not set and there is no Xvfb"
              + " on the PATH (apt-get install xvfb, or run with a display)");
      try (Xvfb server = Xvfb.start(xvfb.get())) {
        assertEquals(0, runInChild(server.display(), home, shots), "the window scenario failed");
      }
    }
    for (String view : VIEWS) {
      Path shot = shots.resolve(view + ".png");
      assertTrue(Files.size(shot) > 0, "no screenshot of " + view);
    }
  }

  private static int runInChild(String display, Path home, Path shots) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("olympus.child.classpath"),
                WindowScenario.class.getName(),
                home.toString(),
                shots.toString())
            .inheritIO();
    child.environment().put("DISPLAY", display);
    Process process = child.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the window scenario hung for 5 minutes");
    }
    return process.exitValue();
  }
}
