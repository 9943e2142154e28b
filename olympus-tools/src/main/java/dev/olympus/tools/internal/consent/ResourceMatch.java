package dev.olympus.tools.internal.consent;

import static dev.olympus.tools.internal.Checks.argument;
import static dev.olympus.tools.internal.Checks.notNull;

import dev.olympus.tools.Resource;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Scope syntax and the rules for whether a resource lies inside a grant's limit. */
public final class ResourceMatch {
  private static final Pattern SCOPE = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)*");

  private ResourceMatch() {}

  /** Checks that {@code scope} is dotted lower-case words such as {@code fs.read}. */
  public static String checkScope(String scope) {
    notNull(scope, "scope");
    argument(
        SCOPE.matcher(scope).matches(),
        "scope must be dotted lower-case words like fs.read but was '" + scope + "'");
    return scope;
  }

  /** Returns a grant limit with a trailing {@code /} removed, refusing unclean path prefixes. */
  public static Resource cleanLimit(Resource limit) {
    if (limit.kind() == Resource.Kind.HOST) {
      return limit;
    }
    String path = limit.value();
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    argument(
        cleanSegments(trimmed) != null,
        "path prefix must be a clean relative path (no leading /, no . or .. or empty segments,"
            + " no backslash or control characters) but was '"
            + path
            + "'");
    return Resource.path(trimmed);
  }

  /** Returns whether {@code resources} is non-empty and every element lies inside {@code limit}. */
  public static boolean allInside(List<Resource> resources, Resource limit) {
    return !resources.isEmpty() && resources.stream().allMatch(r -> inside(r, limit));
  }

  /** Returns whether {@code resource} lies inside {@code limit}. */
  public static boolean inside(Resource resource, Resource limit) {
    if (resource.kind() != limit.kind()) {
      return false;
    }
    if (limit.kind() == Resource.Kind.HOST) {
      return resource.value().equals(limit.value());
    }
    String[] path = cleanSegments(resource.value());
    String[] prefix = cleanSegments(limit.value());
    return path != null
        && prefix != null
        && path.length >= prefix.length
        && Arrays.equals(path, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** Splits a clean relative path into segments, or returns null if it is not clean. */
  static String[] cleanSegments(String path) {
    if (path.isEmpty() || path.startsWith("/")) {
      return null;
    }
    String[] segments = path.split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return null;
      }
      if (segment.chars().anyMatch(c -> c == '\\' || c < 0x20 || c == 0x7f)) {
        return null;
      }
    }
    return segments;
  }
}
