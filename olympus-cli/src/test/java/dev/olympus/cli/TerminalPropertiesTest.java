package dev.olympus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties of the cleaning every CLI message goes through, over arbitrary code points. */
class TerminalPropertiesTest {
  @Test
  void cleanedTextHoldsNothingThatHidesOrMovesTheCursor() {
    qt().withExamples(2_000)
        .forAll(strings().allPossible().ofLengthBetween(0, 40))
        .checkAssert(
            text ->
                Terminal.clean(text)
                    .codePoints()
                    .forEach(
                        c ->
                            assertFalse(
                                Terminal.escaped(c),
                                () -> "U+" + Integer.toHexString(c) + " from " + text)));
  }

  @Test
  void cleaningTwiceChangesNothingAndWrappingLosesNothing() {
    qt().withExamples(1_000)
        .forAll(strings().allPossible().ofLengthBetween(0, 60), integers().between(12, 30))
        .checkAssert(
            (text, width) -> {
              String once = Terminal.clean(text);
              assertEquals(once, Terminal.clean(once));
              List<String> lines = Terminal.cleanWrapped(text, width);
              assertEquals(once, String.join("", lines));
              lines.forEach(line -> assertTrue(line.length() <= width, line));
            });
  }

  @Test
  void aCappedTextIsWholeOrSaysHowMuchIsMissing() {
    qt().withExamples(1_000)
        .forAll(strings().allPossible().ofLengthBetween(0, 80), integers().between(6, 40))
        .checkAssert(
            (text, max) -> {
              String whole = Terminal.clean(text);
              String capped = Terminal.cleanCapped(text, max);
              if (!capped.equals(whole)) {
                String shown = capped.substring(0, capped.lastIndexOf(" … ("));
                assertTrue(whole.startsWith(shown) && shown.length() <= max, capped);
                assertTrue(capped.endsWith(" more characters)"), capped);
              }
              assertFalse(capped.contains("\u001b"), capped);
            });
  }

  @Test
  void lookAlikeSeparatorsAndInvisibleLettersAreEscaped() {
    for (int c : new int[] {0x2215, 0x2044, 0xFF0F, 0x3164, 0x115F, 0xFFA0, 0x2800, 0xFF0E}) {
      assertEquals(
          String.format("a\\u%04Xb", c), Terminal.clean("a" + Character.toString(c) + "b"));
    }
  }

  @Test
  void limitsAreInclusive() {
    assertEquals("abcdef", Terminal.cleanCapped("abcdef", 6));
    assertEquals("abcdef … (3 more characters)", Terminal.cleanCapped("abcdefghi", 6));
    assertEquals(List.of("abcdefghijkl"), Terminal.cleanWrapped("abcdefghijkl", 12));
    assertEquals(List.of("abcdefghijkl", "m"), Terminal.cleanWrapped("abcdefghijklm", 12));
    assertEquals(List.of(""), Terminal.cleanWrapped("", 12));
    // An escape still open is held up to 256 characters, wherever it starts.
    assertEquals(200, Terminal.openEscape("x".repeat(200) + "\u001b]0;t"));
    assertEquals(0, Terminal.openEscape("\u001b]" + "t".repeat(254)));
    assertEquals(-1, Terminal.openEscape("\u001b]" + "t".repeat(255)));
  }
}
