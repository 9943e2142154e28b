package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.cli.Pdfs;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host written as a named module ({@code requires dev.olympus.executor}) compiles against the
 * published modules, runs on the module path and loads a PDF; a host reaching into an internal
 * package does not compile.
 */
class NamedModuleHostTest {
  private static final String MODULE_PATH = System.getProperty("olympus.runtime.classpath");

  @TempDir Path dir;

  @Test
  void aNamedModuleHostCompilesRunsAndLoadsAPdf() throws Exception {
    Path classes = compile("named-host", true);
    Path workspace = Files.createDirectories(dir.resolve("workspace"));
    Files.write(
        workspace.resolve("report.pdf"),
        Pdfs.pdf("Quarterly report", List.of("Revenue grew 12 percent in the third quarter.")));

    Process host =
        new ProcessBuilder(
                tool("java"),
                "--module-path",
                MODULE_PATH + File.pathSeparator + classes,
                "-m",
                "host/host.Main",
                workspace.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(host.getInputStream().readAllBytes());
    assertTrue(host.waitFor(2, TimeUnit.MINUTES), output);
    assertEquals(0, host.exitValue(), output);
    assertTrue(output.contains("module host: DONE"), output);
    assertTrue(
        Files.readString(workspace.resolve("report.txt")).contains("Revenue grew 12 percent"),
        output);
  }

  @Test
  void aHostCannotCompileAgainstAnInternalPackage() throws Exception {
    StringWriter errors = new StringWriter();
    assertFalse(compile("named-host-internal", errors));
    assertTrue(
        errors.toString().contains("package dev.olympus.plan.internal is not visible"),
        errors.toString());
    assertTrue(
        errors.toString().contains("declared in module dev.olympus.plan, which does not export it"),
        errors.toString());
  }

  private Path compile(String source, boolean mustSucceed) throws Exception {
    StringWriter errors = new StringWriter();
    boolean compiled = compile(source, errors);
    assertEquals(mustSucceed, compiled, errors.toString());
    return dir.resolve(source + "-classes");
  }

  /** Compiles with the JDK's javac in its own process, as a host's build would. */
  private boolean compile(String source, StringWriter errors) throws Exception {
    Path sources = copyToDir(source);
    Path out = Files.createDirectories(dir.resolve(source + "-classes"));
    List<String> command =
        new ArrayList<>(List.of(tool("javac"), "--module-path", MODULE_PATH, "-d", out.toString()));
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> command.add(f.toString()));
    }
    Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
    errors.write(new String(javac.getInputStream().readAllBytes()));
    assertTrue(javac.waitFor(2, TimeUnit.MINUTES), errors.toString());
    return javac.exitValue() == 0;
  }

  private Path copyToDir(String source) throws IOException {
    Path target = Files.createDirectories(dir.resolve(source));
    for (String file : List.of("module-info.java", "host/Main.java")) {
      Path to = target.resolve(file);
      Files.createDirectories(to.getParent());
      try (InputStream in = getClass().getResourceAsStream("/" + source + "/" + file)) {
        Files.copy(in, to);
      }
    }
    return target;
  }

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }
}
