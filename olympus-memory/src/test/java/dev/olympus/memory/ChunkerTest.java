package dev.olympus.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.memory.internal.documents.Chunker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where chunks end and the next one starts, on texts small enough to follow by hand. Positions are
 * given for a target of 20 (the second half of the window is 10..20) unless a test says otherwise.
 */
class ChunkerTest {

  private static List<String> chunks(int target, int overlap, String text) {
    return new Chunker(new ChunkerOptions(target, overlap))
        .chunk(text).stream().map(Chunk::text).toList();
  }

  private static void assertChunks(int target, int overlap, String text, String... expected) {
    assertEquals(List.of(expected), chunks(target, overlap, text));
  }

  @Test
  void aTextOfExactlyTheTargetIsOneChunk() {
    assertChunks(16, 0, "Abc def. Ghi jkl", "Abc def. Ghi jkl");
  }

  @Test
  void aParagraphBreakWinsOverALaterSentenceEnd() {
    assertChunks(
        20,
        0,
        "one two three\n\nab. cd efgh ijkl mnop",
        "one two three\n\n",
        "ab. cd efgh ijkl ",
        "mnop");
  }

  @Test
  void aParagraphBreakInTheFirstHalfIsPassedOverForASentenceEndInTheSecond() {
    assertChunks(20, 0, "ab\n\ncd efg. hij klm nop qrs", "ab\n\ncd efg. ", "hij klm nop qrs");
  }

  @Test
  void aBreakExactlyHalfwayThroughTheWindowCounts() {
    assertChunks(20, 0, "abcdefgh\n\nij klm nop qrs tuv", "abcdefgh\n\n", "ij klm nop qrs tuv");
    assertChunks(20, 0, "abcdefgh. ij klm nop qrs tuv", "abcdefgh. ", "ij klm nop qrs tuv");
  }

  @Test
  void everySentenceEndIsPreferredToALaterSpaceBetweenWords() {
    assertEquals("Wow, great. ", chunks(20, 0, "Wow, great. Next one here now").get(0));
    assertEquals("Wow, great! ", chunks(20, 0, "Wow, great! Next one here now").get(0));
    assertEquals("Who, really? ", chunks(20, 0, "Who, really? Next one here now").get(0));
    assertEquals("Wow, great, Next one", chunks(20, 0, "Wow, great, Next one here now").get(0));
  }

  @Test
  void aLineBreakFollowedByIndentationEndsASentence() {
    assertChunks(
        20, 0, "first line is\n  indented text here", "first line is\n ", " indented text here");
  }

  @Test
  void aWordLongerThanTheWindowIsKeptWhole() {
    String word = "x".repeat(30);
    assertChunks(16, 7, "ab " + word + " cd", "ab ", word, " cd");
    assertChunks(16, 7, "ab " + word, "ab ", word);
    assertChunks(16, 7, word, word);
  }

  @Test
  void theNextChunkStartsAtTheFirstWordWithinTheOverlap() {
    assertChunks(
        20,
        8,
        "alpha beta gamma delta epsilon zeta",
        "alpha beta gamma ",
        "gamma delta epsilon ",
        "epsilon zeta");
    assertChunks(
        20, 0, "alpha beta gamma delta epsilon zeta", "alpha beta gamma ", "delta epsilon zeta");
  }
}
