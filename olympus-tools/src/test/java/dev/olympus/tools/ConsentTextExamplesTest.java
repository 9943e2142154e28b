package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link ConsentText} on examples whose exact rendering a person reads. */
class ConsentTextExamplesTest {
  @Test
  void aLongLineKeepsAllThatFitsBeforeSayingWhatItLeftOut() {
    String text = "abcdefghij".repeat(10);
    // "… (83 more characters)" is 22 characters; the first note, for 100, is 23: 17 fit in 40.
    assertEquals("abcdefghijabcdefg… (83 more characters)", ConsentText.line(text, 40));
    assertEquals(text, ConsentText.line(text, 100));
  }

  @Test
  void aLineShorterThanFortyIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ConsentText.line("short", 39));
    assertEquals("max must be at least 40 but was 39", e.getMessage());
  }

  @Test
  void aBackslashIsDoubledOnlyWhereItCouldBeReadAsAnEscape() {
    assertEquals("C:\\dir\\", ConsentText.escape("C:\\dir\\"));
    assertEquals("\\\\u0041 and \\\\\\", ConsentText.escape("\\u0041 and \\\\"));
    assertEquals("a\\\\\\u200bb", ConsentText.escape("a\\\u200Bb"));
  }

  @Test
  void everyItemOfASecretArrayIsMarkedAndOtherArraysAreShownAsThey() {
    String secret = ConsentText.SECRET_OPEN;
    String close = ConsentText.SECRET_CLOSE;
    assertEquals(
        "{\"a\":[1,\"x\",[]],\"token\":["
            + secret
            + "\"s1\""
            + close
            + ","
            + secret
            + "\"s2\""
            + close
            + "]}",
        ConsentText.render(json("{'a':[1,'x',[]],'token':['s1','s2']}")));
  }
}
