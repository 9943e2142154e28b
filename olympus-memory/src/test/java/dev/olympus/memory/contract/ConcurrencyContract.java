package dev.olympus.memory.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.StoredEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Appenders, tail readers and an ingesting thread at once: nothing lost, the chain holds. Part of
 * the MemoryStore contract; see {@link StoreContract}.
 */
public abstract class ConcurrencyContract extends StoreContract {
  private static final int APPENDERS = 4;
  private static final int PER_APPENDER = 150;

  @Test
  void appendersReadersAndIngestDoNotLoseEvents() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(APPENDERS + 3);
    try (MemoryStore store = options().embedder(new DocumentsContract.WordEmbedder()).build()) {
      List<Future<?>> work = new ArrayList<>();
      for (int a = 0; a < APPENDERS; a++) {
        String plan = "plan-" + a;
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < PER_APPENDER; i++) {
                    if (i % 10 == 0) {
                      store
                          .events()
                          .appendAll(List.of(Fixtures.event(plan, i), Fixtures.event(plan, i + 1)));
                      i++;
                    } else {
                      store.events().append(Fixtures.event(plan, i));
                    }
                  }
                }));
      }
      work.add(
          pool.submit(
              () -> {
                for (int d = 0; d < 20; d++) {
                  store
                      .documents()
                      .ingest("doc-" + d, ("words about topic " + d + ". ").repeat(80), Map.of());
                }
              }));
      for (int r = 0; r < 2; r++) {
        work.add(
            pool.submit(
                () -> {
                  long last = 0;
                  while (last < APPENDERS * PER_APPENDER) {
                    for (StoredEvent e : store.events().since(last, 100)) {
                      assertEquals(last + 1, e.seq(), "the tail is gap-free and ordered");
                      last = e.seq();
                    }
                    store.documents().search("topic", 3);
                  }
                }));
      }
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertEquals(APPENDERS * PER_APPENDER, store.events().lastSeq());
      for (int a = 0; a < APPENDERS; a++) {
        Set<Integer> ns = new HashSet<>();
        store.events().byPlan("plan-" + a).forEach(e -> ns.add(e.event().data().get("n").asInt()));
        assertEquals(PER_APPENDER, ns.size(), "plan-" + a);
      }
      assertTrue(store.events().verify().intact());
      assertEquals(
          20,
          store.documents().search("topic", 50).stream()
              .map(h -> h.citation().sourceId())
              .distinct()
              .count());
    } finally {
      pool.shutdownNow();
    }
  }
}
