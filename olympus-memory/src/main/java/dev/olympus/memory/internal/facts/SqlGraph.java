package dev.olympus.memory.internal.facts;

import dev.olympus.memory.Entity;
import dev.olympus.memory.EntityGraph;
import dev.olympus.memory.GraphPath;
import dev.olympus.memory.Relation;
import dev.olympus.memory.internal.CanonicalJson;
import dev.olympus.memory.internal.Checks;
import dev.olympus.memory.internal.Inputs;
import dev.olympus.memory.internal.sql.Database;
import dev.olympus.memory.internal.sql.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The entity graph on the {@code entities} and {@code relations} tables. */
public final class SqlGraph implements EntityGraph {
  private static final int MAX_PATHS = 100;

  private final Database db;
  private final Inputs inputs;
  private final Clock clock;

  public SqlGraph(Database db, Inputs inputs, Clock clock) {
    this.db = db;
    this.inputs = inputs;
    this.clock = clock;
  }

  @Override
  public void put(Entity entity) {
    Checks.notNull(entity, "entity");
    inputs.id(entity.id(), "entity id");
    inputs.id(entity.type(), "entity type");
    String properties = inputs.value(CanonicalJson.writeMap(entity.properties()), "properties");
    db.write(
        "storing an entity",
        s ->
            s.update(
                "INSERT INTO entities(id, type, properties, updated_ms) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT(id) DO UPDATE SET type = excluded.type,"
                    + " properties = excluded.properties, updated_ms = excluded.updated_ms",
                entity.id(),
                entity.type(),
                properties,
                clock.millis()));
  }

  @Override
  public Optional<Entity> entity(String id) {
    Checks.notNull(id, "id");
    return db.read(
        "reading an entity",
        s ->
            s.first(
                "SELECT id, type, properties FROM entities WHERE id = ?", SqlGraph::entity, id));
  }

  @Override
  public List<Entity> byType(String type) {
    Checks.notNull(type, "type");
    return db.read(
        "reading entities",
        s ->
            s.query(
                "SELECT id, type, properties FROM entities WHERE type = ? ORDER BY id",
                SqlGraph::entity,
                type));
  }

  private static Entity entity(ResultSet rs) throws SQLException {
    return new Entity(rs.getString(1), rs.getString(2), CanonicalJson.readMap(rs.getString(3)));
  }

  @Override
  public void relate(Relation relation) {
    Checks.notNull(relation, "relation");
    inputs.id(relation.src(), "relation src");
    inputs.id(relation.dst(), "relation dst");
    inputs.id(relation.type(), "relation type");
    String properties = inputs.value(CanonicalJson.writeMap(relation.properties()), "properties");
    db.write(
        "storing a relation",
        s -> {
          requireEntity(s, relation.src());
          requireEntity(s, relation.dst());
          return s.update(
              "INSERT INTO relations(src, dst, type, properties) VALUES (?, ?, ?, ?)"
                  + " ON CONFLICT(src, type, dst) DO UPDATE SET properties = excluded.properties",
              relation.src(),
              relation.dst(),
              relation.type(),
              properties);
        });
  }

  private static void requireEntity(Session s, String id) throws SQLException {
    if (s.first("SELECT 1 FROM entities WHERE id = ?", rs -> 1, id).isEmpty()) {
      throw new IllegalArgumentException("no entity with id '" + id + "'");
    }
  }

  @Override
  public List<Relation> neighbours(String id, Optional<String> relationType) {
    Checks.notNull(id, "id");
    Checks.notNull(relationType, "relationType");
    String type = relationType.orElse(null);
    return db.read(
        "reading relations",
        s ->
            s.query(
                "SELECT src, dst, type, properties FROM relations WHERE (src = ? OR dst = ?)"
                    + " AND (CAST(? AS TEXT) IS NULL OR type = ?) ORDER BY src, type, dst",
                rs ->
                    new Relation(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        CanonicalJson.readMap(rs.getString(4))),
                id,
                id,
                type,
                type));
  }

  @Override
  public List<GraphPath> paths(String from, String to, int maxDepth) {
    Checks.notNull(from, "from");
    Checks.notNull(to, "to");
    Checks.argument(maxDepth >= 1 && maxDepth <= 16, "maxDepth must be within [1, 16]");
    return db.readSnapshot(
        "finding paths", s -> new PathSearch(s, from, to, maxDepth).shortest(MAX_PATHS));
  }

  @Override
  public boolean remove(String id) {
    Checks.notNull(id, "id");
    return db.write("removing an entity", s -> forget(s, id)) > 0;
  }

  /** Removes the entity (its relations cascade); returns the rows removed. */
  public static int forget(Session s, String id) throws SQLException {
    int relations = s.update("DELETE FROM relations WHERE src = ? OR dst = ?", id, id);
    return relations + s.update("DELETE FROM entities WHERE id = ?", id);
  }

  /**
   * Removes the entities last updated before the cutoff and the relations that touch them; returns
   * the rows removed (relations counted as {@link #forget} counts them).
   */
  public static int pruneBefore(Session s, long cutoffMillis) throws SQLException {
    String expired = "(SELECT id FROM entities WHERE updated_ms < ?)";
    int relations =
        s.update(
            "DELETE FROM relations WHERE src IN " + expired + " OR dst IN " + expired,
            cutoffMillis,
            cutoffMillis);
    return relations + s.update("DELETE FROM entities WHERE updated_ms < ?", cutoffMillis);
  }
}
