package dev.olympus.tools.internal.fs;

import java.util.List;

/**
 * A lexically clean path inside a sandbox: segments without {@code .}, {@code ..}, separators or
 * control characters. Empty segments mean the root.
 */
public record SandboxPath(List<String> segments) {
  public SandboxPath {
    segments = List.copyOf(segments);
  }

  boolean isRoot() {
    return segments.isEmpty();
  }

  /** The directories leading to {@link #name()}. */
  List<String> parent() {
    return segments.subList(0, segments.size() - 1);
  }

  /** The last segment. */
  String name() {
    return segments.get(segments.size() - 1);
  }

  @Override
  public String toString() {
    return isRoot() ? "." : String.join("/", segments);
  }
}
