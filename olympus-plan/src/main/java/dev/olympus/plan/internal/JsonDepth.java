package dev.olympus.plan.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.PlanFormatException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Bounds the nesting of JSON trees handed in as trees, as the parser bounds text: deeper trees
 * would overflow the stack of every recursive walk after them (copying, reference search, writing).
 */
public final class JsonDepth {
  /** The deepest nesting accepted: the limit Jackson's parser applies to JSON text. */
  public static final int MAX = StreamReadConstraints.DEFAULT_MAX_DEPTH;

  private static final int SHOWN_STEPS = 12;

  private JsonDepth() {}

  /**
   * Checks, without recursion, that no array or object in {@code root} is nested more than {@link
   * #MAX} deep.
   *
   * @throws PlanFormatException naming the JSON path where the limit is passed
   */
  public static void check(JsonNode root, String path) {
    Deque<Level> todo = new ArrayDeque<>();
    todo.push(new Level(root, null, path, 1));
    while (!todo.isEmpty()) {
      Level level = todo.pop();
      if (level.depth > MAX) {
        throw new PlanFormatException(
            level.path(), "nested more than " + MAX + " levels deep; flatten the input");
      }
      if (level.node.isObject()) {
        for (Map.Entry<String, JsonNode> field : level.node.properties()) {
          push(todo, field.getValue(), level, "." + field.getKey());
        }
      } else if (level.node.isArray()) {
        for (int i = 0; i < level.node.size(); i++) {
          push(todo, level.node.get(i), level, "[" + i + "]");
        }
      }
    }
  }

  private static void push(Deque<Level> todo, JsonNode child, Level parent, String step) {
    if (child.isContainerNode()) {
      todo.push(new Level(child, parent, step, parent.depth + 1));
    }
  }

  // The path is assembled only for the error, from the parent links, and keeps its first steps.
  private record Level(JsonNode node, Level parent, String step, int depth) {
    String path() {
      List<String> steps = new ArrayList<>();
      for (Level l = this; l != null; l = l.parent) {
        steps.add(l.step);
      }
      Collections.reverse(steps);
      int shown = Math.min(steps.size(), SHOWN_STEPS);
      String more = shown < steps.size() ? "…(" + (steps.size() - shown) + " more)" : "";
      return String.join("", steps.subList(0, shown)) + more;
    }
  }
}
