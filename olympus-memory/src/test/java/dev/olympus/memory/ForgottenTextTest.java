package dev.olympus.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.memory.contract.Fixtures;
import dev.olympus.plan.PlanEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code forget}, the forgotten text is nowhere in the files on disk: not in the free space
 * of the database, not in the keyword index's segments, not in the write-ahead log, whether the
 * store is still open or closed.
 */
class ForgottenTextTest {
  private static final List<String> SECRETS =
      List.of(
          "zanzibardocumentsecret",
          "quokkafactsecret",
          "marmotentitysecret",
          "narwhalcachesecret",
          "okapieventsecret");

  @TempDir Path dir;

  @Test
  void noForgottenTextIsLeftInTheDatabaseOrItsLogOpenOrClosed() throws IOException {
    Path file = dir.resolve("store.db");
    try (MemoryStore store = SqliteMemoryStore.open(file)) {
      fillAroundTheSubject(store, "alice");

      store.forget("alice");

      assertEquals(List.of(), store.documents().search("zanzibardocumentsecret", 5));
      assertEquals(List.of(), secretsIn(file), "while the store is open");
    }
    assertEquals(List.of(), secretsIn(file), "after the store is closed");
  }

  // The subject's text in every layer, among rows of other subjects on the same pages.
  private static void fillAroundTheSubject(MemoryStore store, String subject) {
    for (int i = 0; i < 20; i++) {
      store.documents().ingest("before-" + i, "kept words " + i + " filler".repeat(40), Map.of());
    }
    store.documents().ingest(subject, "the zanzibardocumentsecret is here", Map.of());
    for (int i = 0; i < 20; i++) {
      store.documents().ingest("after-" + i, "kept words " + i + " filler".repeat(40), Map.of());
    }
    store.facts().put(Fact.of(subject, "password", "quokkafactsecret", "chat", Fixtures.T0));
    store.facts().put(Fact.of("bob", "likes", "tea", "chat", Fixtures.T0));
    store.graph().put(new Entity(subject, "person", Map.of("note", "marmotentitysecret")));
    store.graph().put(Entity.of("bob", "person"));
    store.cache().put(subject, "narwhalcachesecret", Duration.ofHours(1), Set.of(), Map.of());
    store.cache().put("bob", "kept", Duration.ofHours(1));
    store
        .events()
        .append(
            new PlanEvent(
                subject,
                Optional.empty(),
                "c",
                Fixtures.T0,
                "test.event",
                JsonNodeFactory.instance.objectNode().put("said", "okapieventsecret")));
    store.events().append(Fixtures.event("bob", 1));
  }

  private static List<String> secretsIn(Path file) throws IOException {
    List<String> found = new ArrayList<>();
    for (String suffix : List.of("", "-wal")) {
      Path path = Path.of(file + suffix);
      if (Files.exists(path)) {
        String bytes = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        SECRETS.stream()
            .filter(bytes::contains)
            .forEach(secret -> found.add(path.getFileName() + ": " + secret));
      }
    }
    return found;
  }
}
