package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.spi.ResponseStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The router's second-level cache goes through the host's {@link ResponseStore}. */
class ResponseStoreTest {
  final ScriptedProvider local = new ScriptedProvider("local", "llama3.2");
  final ChatRequest request = ChatRequest.builder().user("2+2?").temperature(0).build();

  /** Keeps what it is given, as a database table would; records the time to live. */
  static final class MapStore implements ResponseStore {
    final Map<String, String> entries = new ConcurrentHashMap<>();
    volatile Duration lastTtl;

    @Override
    public Optional<String> get(String key) {
      return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void put(String key, String response, Duration ttl) {
      entries.put(key, response);
      lastTtl = ttl;
    }
  }

  LlmRouter router(ResponseStore store) {
    return LlmRouter.builder()
        .local(local)
        .cacheTtl(Duration.ofMinutes(7))
        .responseStore(store)
        .build();
  }

  @Test
  void aNewRouterAnswersFromTheStoreWhatAnEarlierOneCached() {
    MapStore store = new MapStore();
    assertFalse(router(store).chat(request).cached());
    assertEquals(1, store.entries.size());
    assertEquals(Duration.ofMinutes(7), store.lastTtl);

    ChatResponse again = router(store).chat(request);
    assertTrue(again.cached());
    assertEquals("hello from local", again.text());
    assertEquals("local", again.provider());
    assertEquals(1, local.calls());
  }

  @Test
  void aFailingStoreIsAMissAndTheAnswerStillComesBack() {
    ResponseStore broken =
        new ResponseStore() {
          @Override
          public Optional<String> get(String key) {
            throw new IllegalStateException("disk gone");
          }

          @Override
          public void put(String key, String response, Duration ttl) {
            throw new IllegalStateException("disk gone");
          }
        };
    assertEquals("hello from local", router(broken).chat(request).text());
    assertFalse(router(broken).chat(request).cached());
    assertEquals(2, local.calls());
  }

  @Test
  void theLastResponseStoreSetWins() {
    MapStore first = new MapStore();
    MapStore last = new MapStore();
    LlmRouter router =
        LlmRouter.builder().local(local).responseStore(first).responseStore(last).build();

    router.chat(request);

    assertEquals(0, first.entries.size());
    assertEquals(1, last.entries.size());
  }
}
