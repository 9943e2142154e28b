package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import java.util.Map;

/**
 * A directed edge of the entity graph, such as {@code alice works-on olympus}. There is at most one
 * relation of a type between two entities. Immutable.
 *
 * @param src the source entity's id
 * @param dst the target entity's id
 * @param type the relation type
 * @param properties free-form properties
 */
public record Relation(String src, String dst, String type, Map<String, String> properties) {

  /**
   * Checks and copies the fields.
   *
   * @throws NullPointerException if an argument is null or contains null
   */
  public Relation {
    Checks.notNull(src, "src");
    Checks.notNull(dst, "dst");
    Checks.notNull(type, "type");
    properties = Map.copyOf(Checks.notNull(properties, "properties"));
  }

  /** A relation without properties. */
  public static Relation of(String src, String type, String dst) {
    return new Relation(src, dst, type, Map.of());
  }
}
