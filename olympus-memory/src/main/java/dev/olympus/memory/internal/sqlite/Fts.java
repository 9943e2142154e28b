package dev.olympus.memory.internal.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns free text into an FTS5 query: every word quoted (so no FTS5 syntax leaks), OR-ed. */
final class Fts {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final int MAX_TERMS = 64;

  private Fts() {}

  static Optional<String> match(String text) {
    List<String> terms = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find() && terms.size() < MAX_TERMS) {
      terms.add('"' + m.group() + '"');
    }
    return terms.isEmpty() ? Optional.empty() : Optional.of(String.join(" OR ", terms));
  }
}
