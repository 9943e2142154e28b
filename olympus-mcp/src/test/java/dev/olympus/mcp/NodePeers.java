package dev.olympus.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real npm peers the tests run: finds {@code node}, and installs the pinned packages of {@code
 * src/test/node/package.json} into {@code target/npm} when {@code .ci/run} has not already. A test
 * that needs Node is skipped, naming why, only when no {@code node} can be run; a failed {@code npm
 * install} fails it.
 */
public final class NodePeers {
  public static final String FILESYSTEM = "@modelcontextprotocol/server-filesystem/dist/index.js";
  public static final String EVERYTHING = "@modelcontextprotocol/server-everything/dist/index.js";

  private NodePeers() {}

  /** Returns the {@code node} command, aborting the test if Node.js cannot be run. */
  public static String node() {
    try {
      Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) {
        return "node";
      }
    } catch (IOException e) {
      abort(
          "Node.js is not installed (no 'node' on PATH): "
              + e.getMessage()
              + "; .ci/run installs it with apt-get install nodejs npm");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    abort("Node.js is installed but 'node --version' failed; .ci/run installs a working one");
    throw new AssertionError("unreachable");
  }

  /** Returns the path of {@code script} under the installed {@code node_modules}. */
  public static synchronized Path script(String script) throws Exception {
    node();
    Path dir = Path.of(System.getProperty("olympus.mcp.npm", "target/npm"));
    Path path = dir.resolve("node_modules").resolve(script);
    if (!Files.exists(path)) {
      install(dir);
    }
    return path;
  }

  /**
   * Copies our own Node script {@code name} from {@code src/test/node} beside the installed
   * packages (so its imports resolve) and returns the copy.
   */
  static Path ourScript(String name) throws Exception {
    Path installed = script(FILESYSTEM);
    Path nodeModules = installed.getParent().getParent().getParent().getParent();
    Path copy = nodeModules.getParent().resolve(name);
    Files.copy(packageJson().resolveSibling(name), copy, StandardCopyOption.REPLACE_EXISTING);
    return copy;
  }

  private static Path packageJson() {
    return Path.of(System.getProperty("olympus.mcp.npmPackage", "src/test/node/package.json"));
  }

  private static void install(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.copy(packageJson(), dir.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
    Process npm =
        new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund"))
            .directory(dir.toFile())
            // Not inheritIO(): npm makes its stdin non-blocking, and a shared stdin would then
            // break surefire's channel to this JVM ("std/in stream corrupted").
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    assertEquals(true, npm.waitFor(10, TimeUnit.MINUTES), "npm install did not finish");
    assertEquals(0, npm.exitValue(), "npm install of the MCP test peers failed in " + dir);
  }
}
