package dev.olympus.memory.internal.documents;

import dev.olympus.memory.Chunk;
import dev.olympus.memory.ChunkerOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into chunks of about the target size. A chunk ends, in order of preference, after a
 * paragraph break, after a sentence end, or between two words, in the second half of the target
 * window; a word longer than the window is kept whole. The next chunk starts at the first word
 * within the overlap before that end. The chunks cover the text without gaps.
 */
public final class Chunker {
  private final int target;
  private final int overlap;

  /** A chunker with {@code options}. */
  public Chunker(ChunkerOptions options) {
    this.target = options.targetChars();
    this.overlap = options.overlapChars();
  }

  /** The chunks of {@code text}; none for an empty text. */
  public List<Chunk> chunk(String text) {
    List<Chunk> chunks = new ArrayList<>();
    int n = text.length();
    int start = 0;
    while (start < n) {
      int end = end(text, start);
      chunks.add(new Chunk(chunks.size(), start, end, text.substring(start, end)));
      if (end == n) {
        break;
      }
      start = nextStart(text, start, end);
    }
    return chunks;
  }

  private int end(String text, int start) {
    int n = text.length();
    int limit = start + target;
    if (limit >= n) {
      return n;
    }
    int floor = start + target / 2;
    int cut = lastMatch(text, floor, limit, Boundary.PARAGRAPH);
    if (cut < 0) {
      cut = lastMatch(text, floor, limit, Boundary.SENTENCE);
    }
    if (cut < 0) {
      cut = lastMatch(text, start + 1, limit, Boundary.WORD);
    }
    if (cut < 0) {
      cut = limit + 1;
      while (cut < n && !Boundary.WORD.at(text, cut)) {
        cut++;
      }
    }
    return cut;
  }

  // The earliest word start within the overlap before end, but after start.
  private int nextStart(String text, int start, int end) {
    for (int i = Math.max(start + 1, end - overlap); i < end; i++) {
      if (isWordStart(text, i)) {
        return i;
      }
    }
    return end;
  }

  private static boolean isWordStart(String text, int i) {
    return !Character.isWhitespace(text.charAt(i)) && Character.isWhitespace(text.charAt(i - 1));
  }

  private static int lastMatch(String text, int from, int to, Boundary boundary) {
    for (int i = to; i >= from; i--) {
      if (boundary.at(text, i)) {
        return i;
      }
    }
    return -1;
  }

  /** Where a chunk may end: position {@code i} is between {@code text[i-1]} and {@code text[i]}. */
  enum Boundary {
    PARAGRAPH {
      @Override
      boolean at(String text, int i) {
        return i >= 2 && text.charAt(i - 1) == '\n' && text.charAt(i - 2) == '\n';
      }
    },
    SENTENCE {
      @Override
      boolean at(String text, int i) {
        if (i < 2 || !Character.isWhitespace(text.charAt(i - 1))) {
          return false;
        }
        char c = text.charAt(i - 2);
        return c == '.' || c == '!' || c == '?' || c == '\n';
      }
    },
    WORD {
      @Override
      boolean at(String text, int i) {
        return i > 0
            && i < text.length()
            && (Character.isWhitespace(text.charAt(i - 1))
                || Character.isWhitespace(text.charAt(i)));
      }
    };

    abstract boolean at(String text, int i);
  }
}
