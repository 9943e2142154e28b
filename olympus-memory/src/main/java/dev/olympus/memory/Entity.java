package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import java.util.Map;

/**
 * A node of the entity graph: a person, a project, a file. Immutable.
 *
 * @param id its unique id
 * @param type its type, such as {@code person}
 * @param properties free-form properties
 */
public record Entity(String id, String type, Map<String, String> properties) {

  /**
   * Checks and copies the fields.
   *
   * @throws NullPointerException if an argument is null or contains null
   */
  public Entity {
    Checks.notNull(id, "id");
    Checks.notNull(type, "type");
    properties = Map.copyOf(Checks.notNull(properties, "properties"));
  }

  /** An entity without properties. */
  public static Entity of(String id, String type) {
    return new Entity(id, type, Map.of());
  }
}
