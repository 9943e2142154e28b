package dev.olympus.tools.internal.registry;

import static dev.olympus.tools.internal.Checks.state;

import java.util.HashMap;
import java.util.Map;

/**
 * The reversible mapping between tool ids and LLM function names ({@code fs.read} ↔ {@code
 * fs_read}).
 */
final class FunctionNames {
  private final Map<String, String> byName = new HashMap<>();

  FunctionNames(Iterable<String> ids) {
    for (String id : ids) {
      String previous = byName.put(nameOf(id), id);
      state(
          previous == null,
          "tools '" + previous + "' and '" + id + "' both map to function name " + nameOf(id));
    }
  }

  static String nameOf(String toolId) {
    return toolId.replace('.', '_');
  }

  /** Returns the tool id for {@code name}, or null. */
  String idOf(String name) {
    return byName.get(name);
  }
}
