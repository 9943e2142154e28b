package dev.olympus.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** {@link ConsentText} shows every disguising character escaped and loses nothing. */
class ConsentTextPropertiesTest {
  private static final List<Integer> HOSTILE =
      List.of(
          0x3164,
          0x115F,
          0x1160,
          0xFFA0,
          0x2800,
          0x0301,
          0x20DD,
          0x3000,
          0x00A0,
          0x2009,
          0x202E,
          0x2066,
          0x200B,
          0xFEFF,
          0x2215,
          0x2044,
          0xFF0F,
          0x2216,
          0xFF0E,
          0x2024,
          0x0000,
          0x001B,
          0x0007,
          0x007F,
          0x0085,
          0x2028,
          0xD800,
          0xDC00,
          0xE000,
          0xE0001,
          0x1F600,
          (int) '\\',
          (int) 'u',
          (int) '0',
          (int) 'a',
          (int) '/',
          (int) '.',
          (int) ' ');
  private static final Set<Integer> INVISIBLE_OR_LOOKALIKE =
      Set.of(
          0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x17B4, 0x17B5, 0x2215, 0x2044, 0xFF0F, 0x29F8,
          0x2571, 0x2216, 0xFF3C, 0x29F5, 0x29F9, 0xFE68, 0x2024, 0x2025, 0xFF0E, 0xFE52);
  private static final Set<Integer> DISGUISING_TYPES =
      Set.of(
          (int) Character.CONTROL,
          (int) Character.FORMAT,
          (int) Character.SURROGATE,
          (int) Character.PRIVATE_USE,
          (int) Character.UNASSIGNED,
          (int) Character.NON_SPACING_MARK,
          (int) Character.ENCLOSING_MARK,
          (int) Character.SPACE_SEPARATOR,
          (int) Character.LINE_SEPARATOR,
          (int) Character.PARAGRAPH_SEPARATOR);

  /** Strings of hostile characters, backslashes, u's and hex digits, and any other code point. */
  private static Gen<String> texts() {
    Gen<Integer> hostile = integers().between(0, HOSTILE.size() - 1).map(HOSTILE::get);
    Gen<Integer> any = integers().between(0, Character.MAX_CODE_POINT);
    return lists()
        .of(hostile.mix(any, 30))
        .ofSizeBetween(0, 60)
        .map(
            points -> {
              StringBuilder text = new StringBuilder();
              points.forEach(text::appendCodePoint);
              return text.toString();
            });
  }

  @Test
  void escapedTextShowsNoDisguisingCharacterAndReadsBackWhole() {
    qt().forAll(texts())
        .checkAssert(
            text -> {
              String shown = ConsentText.escape(text);
              shown.codePoints().forEach(c -> assertVisible(c, shown));
              assertEquals(text, readBack(shown));
            });
  }

  @Test
  void aLineIsCappedAndSaysHowMuchItLeftOut() {
    qt().forAll(texts(), integers().between(40, 120))
        .checkAssert(
            (text, max) -> {
              String line = ConsentText.line(text, max);
              assertEquals(true, line.length() <= max, line);
              int cut = line.lastIndexOf("… (");
              if (ConsentText.escape(text).length() <= max) {
                assertEquals(ConsentText.escape(text), line);
                return;
              }
              String tail = line.substring(cut + 3, line.length() - " more characters)".length());
              int left = Integer.parseInt(tail);
              assertEquals(
                  text.substring(0, text.length() - left), readBack(line.substring(0, cut)));
            });
  }

  @Test
  void renderedInputKeepsJsonEscapesAndShowsEverything() {
    qt().forAll(texts())
        .checkAssert(
            text -> {
              var input = TestSupport.MAPPER.createObjectNode().put("content", text);
              String shown = ConsentText.render(input);
              shown.codePoints().forEach(c -> assertVisible(c, shown));
              try {
                assertEquals(input, TestSupport.MAPPER.readTree(shown));
              } catch (java.io.IOException e) {
                throw new AssertionError(shown, e);
              }
            });
  }

  private static void assertVisible(int c, String shown) {
    boolean disguising =
        c != ' '
            && (DISGUISING_TYPES.contains(Character.getType(c))
                || INVISIBLE_OR_LOOKALIKE.contains(c));
    assertEquals(false, disguising, String.format("U+%04X left raw in %s", c, shown));
  }

  /**
   * Undoes {@link ConsentText#escape}: {@code \\} is a backslash, {@code \}{@code uXXXX} a unit.
   */
  private static String readBack(String shown) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (c == '\\' && i + 1 < shown.length() && shown.charAt(i + 1) == '\\') {
        out.append('\\');
        i++;
      } else if (c == '\\' && i + 5 < shown.length() && shown.charAt(i + 1) == 'u') {
        out.append((char) Integer.parseInt(shown.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
