package dev.olympus.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.memory.contract.Fixtures;
import dev.olympus.memory.internal.Hashes;
import dev.olympus.memory.internal.events.EventEncoder;
import dev.olympus.memory.internal.sqlite.Migrations;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanJson;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.plan.StepStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast event and step-status encoder, large batches encoded on two threads, and logs written
 * before V4.
 */
class EventEncodingTest {
  private static final String[] TEXTS = {
    "", "a", "plan-1", "é", "😀", "\"q\"", "\\", "\n\t", "\u0001"
  };

  @TempDir Path dir;

  @Test
  void theEncoderWritesWhatTheTreeWriterWrites() {
    forRandomInstants(
        (random, at) -> {
          PlanEvent event = randomEvent(random, at);
          assertEquals(LegacyLog.canonical(event), new EventEncoder().json(event));
          assertEquals(at.toString(), EventEncoder.instant(at));
        });
  }

  @Test
  void theEncoderWritesStepStatusesAsPlanJsonDoes() {
    EventEncoder reused = new EventEncoder();
    forRandomInstants(
        (random, at) -> {
          StepStatus status =
              new StepStatus(
                  StepState.values()[random.nextInt(StepState.values().length)],
                  random.nextInt(5),
                  random.nextBoolean() ? Optional.of(randomData(random)) : Optional.empty(),
                  random.nextBoolean()
                      ? Optional.of(new StepError.ToolFailed(text(random), random.nextBoolean()))
                      : Optional.empty(),
                  random.nextBoolean() ? Optional.of(at) : Optional.empty(),
                  random.nextBoolean() ? Optional.of(at.plusNanos(1)) : Optional.empty());
          assertEquals(PlanJson.write(status), reused.json(status));
        });
  }

  // 300 cases, each a seeded random and an instant from year 5 to 14,645 with a random fraction.
  private static void forRandomInstants(BiConsumer<Random, Instant> check) {
    qt().withExamples(300)
        .forAll(integers().all(), longs().between(-62_000_000_000L, 400_000_000_000L))
        .checkAssert(
            (seed, seconds) -> {
              Random random = new Random(seed);
              check.accept(random, Instant.ofEpochSecond(seconds, nanos(random)));
            });
  }

  @Test
  void oneEncoderWritesManyEventsInARow() {
    Random random = new Random(3);
    EventEncoder encoder = new EventEncoder();
    for (int i = 0; i < 200; i++) {
      PlanEvent event = randomEvent(random, Fixtures.T0.plusMillis(i));
      String json = encoder.json(event);
      assertEquals(LegacyLog.canonical(event), json);
      assertEquals(Hashes.sha256(json), encoder.sha256(json));
    }
  }

  @Test
  void aLargeBatchKeepsItsOrderAndVerifies() {
    List<PlanEvent> events =
        IntStream.range(0, 1_000).mapToObj(i -> Fixtures.event("p" + (i % 7), i)).toList();
    try (MemoryStore store = SqliteMemoryStore.open(dir.resolve("big.db"))) {
      List<StoredEvent> stored = store.events().appendAll(events);
      for (int i = 0; i < events.size(); i++) {
        assertEquals(i + 1, stored.get(i).seq());
        assertEquals(events.get(i), stored.get(i).event());
      }
      assertEquals(stored, store.events().since(0, 2_000));
      assertEquals(143, store.events().byPlan("p3").size());
      assertTrue(store.events().verify().intact());
    }
  }

  @Test
  void aBadEventLateInALargeBatchWritesNothing() {
    List<PlanEvent> events = new ArrayList<>();
    IntStream.range(0, 900).forEach(i -> events.add(Fixtures.event("p", i)));
    ObjectNode big = JsonNodeFactory.instance.objectNode().put("blob", "x".repeat(5_000_000));
    events.set(700, new PlanEvent("p", Optional.empty(), "", Fixtures.T0, "test.big", big));
    try (MemoryStore store = SqliteMemoryStore.open(dir.resolve("bad.db"))) {
      var e = assertThrows(LimitExceededException.class, () -> store.events().appendAll(events));
      assertTrue(e.getMessage().contains("event JSON"), e.getMessage());
      assertEquals(0, store.events().lastSeq());
    }
  }

  @Test
  void aLogWrittenBeforeVersionFourStillVerifies() {
    Path file = dir.resolve("v3.db");
    Migrations.migrateTo(file, 3);
    LegacyLog.write(
        file, IntStream.rangeClosed(1, 5).mapToObj(i -> Fixtures.event("old", i)).toList());
    try (MemoryStore store = SqliteMemoryStore.open(file)) {
      assertTrue(store.events().verify().intact());
      store.events().append(Fixtures.event("old", 6));
      assertEquals(6, store.events().byPlan("old").size());
      assertTrue(store.events().verify().intact());
    }
  }

  private static int nanos(Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return 0;
      case 1:
        return random.nextInt(1_000) * 1_000_000;
      case 2:
        return random.nextInt(1_000_000) * 1_000;
      default:
        return random.nextInt(1_000_000_000);
    }
  }

  private static PlanEvent randomEvent(Random random, Instant at) {
    Optional<String> step =
        random.nextBoolean() ? Optional.of("s" + text(random)) : Optional.empty();
    return new PlanEvent(
        "p" + text(random), step, text(random), at, "test.kind", randomData(random));
  }

  private static ObjectNode randomData(Random random) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    for (int i = random.nextInt(5); i > 0; i--) {
      String key = text(random) + i;
      switch (random.nextInt(5)) {
        case 0 -> data.put(key, text(random));
        case 1 -> data.put(key, random.nextLong());
        case 2 -> data.put(key, random.nextDouble());
        case 3 -> data.putArray(key).add(text(random)).add(random.nextBoolean()).addNull();
        default -> data.putObject(key).put("z", 1).put("a", text(random));
      }
    }
    return data;
  }

  private static String text(Random random) {
    return TEXTS[random.nextInt(TEXTS.length)] + TEXTS[random.nextInt(TEXTS.length)];
  }
}
