package dev.olympus.mcp.internal;

import dev.olympus.tools.SideEffect;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a server's tool annotations, which are untrusted hints: {@code readOnlyHint} means
 * read-only, {@code idempotentHint} idempotent, anything else (no annotations at all included) a
 * side effect. Per the MCP spec {@code destructiveHint} defaults to true for a tool that is not
 * read-only.
 */
final class Effects {
  private Effects() {}

  static SideEffect sideEffect(ToolAnnotations hints) {
    if (hints != null && Boolean.TRUE.equals(hints.readOnlyHint())) {
      return SideEffect.READ_ONLY;
    }
    if (hints != null && Boolean.TRUE.equals(hints.idempotentHint())) {
      return SideEffect.IDEMPOTENT;
    }
    return SideEffect.SIDE_EFFECT;
  }

  static boolean destructive(ToolAnnotations hints) {
    boolean readOnly = hints != null && Boolean.TRUE.equals(hints.readOnlyHint());
    return !readOnly && (hints == null || !Boolean.FALSE.equals(hints.destructiveHint()));
  }

  /** Returns the hints in words, e.g. "read-only, open-world", or "none" without annotations. */
  static String describe(ToolAnnotations hints) {
    if (hints == null) {
      return "none";
    }
    List<String> words = new ArrayList<>();
    add(words, hints.readOnlyHint(), "read-only");
    add(words, hints.idempotentHint(), "idempotent");
    add(words, hints.destructiveHint(), "destructive");
    add(words, hints.openWorldHint(), "open-world");
    return words.isEmpty() ? "none" : String.join(", ", words);
  }

  private static void add(List<String> words, Boolean hint, String word) {
    if (Boolean.TRUE.equals(hint)) {
      words.add(word);
    }
  }
}
