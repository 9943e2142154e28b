package dev.olympus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The example programs never turn an option such as {@code --help} into a folder. */
class MainArgsTest {
  @Test
  void optionsAreRefusedWithTheUsageAndFoldersAreRead() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MainArgs.path(new String[] {"--help"}, 0, "usage: X [folder]"));
    assertEquals("usage: X [folder]", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> MainArgs.path(new String[] {"a", "-v"}, 1, "u"));
    assertEquals(Optional.of(Path.of("docs")), MainArgs.path(new String[] {"docs"}, 0, "u"));
    assertEquals(Optional.empty(), MainArgs.path(new String[] {}, 0, "u"));
  }
}
