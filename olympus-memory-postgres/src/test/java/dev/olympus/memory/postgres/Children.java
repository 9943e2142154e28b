package dev.olympus.memory.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.postgres.internal.TestPostgres;
import dev.olympus.plan.PlanState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Child JVMs of the multi-process tests, each logging to {@code <name>.log} in their folder. */
final class Children {
  private Children() {}

  /** Starts {@code main} with {@code args} on the test class path, logging to {@code name}. */
  static Process start(Path dir, String name, Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("olympus.child.classpath"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
  }

  /** Every child's log in {@code dir}, for a failure message. */
  static String logs(Path dir) {
    try (var files = Files.list(dir)) {
      StringBuilder text = new StringBuilder();
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).toList()) {
        text.append(log.getFileName()).append(":\n").append(Files.readString(log));
      }
      return text.toString();
    } catch (IOException e) {
      return e.toString();
    }
  }

  /**
   * Asserts the end state of plans with two counted side effects each: every effect in {@code
   * lines} (the counter file) once, all {@code plans} DONE in the database, the chain intact.
   */
  static void assertAllDoneOnce(TestPostgres server, String url, List<String> lines, int plans) {
    List<String> effects = lines.stream().map(line -> line.split(" ")[0]).toList();
    assertEquals(effects.size(), new HashSet<>(effects).size(), () -> "repeated: " + effects);
    assertEquals(plans * 2, effects.size(), "every side effect ran");
    try (MemoryStore memory =
        PostgresMemoryStore.builder()
            .url(url)
            .user(server.user())
            .password(server.password())
            .build()) {
      assertEquals(plans, memory.checkpoints().byState(Set.of(PlanState.DONE)).size());
      assertTrue(memory.events().verify().intact());
    }
  }
}
