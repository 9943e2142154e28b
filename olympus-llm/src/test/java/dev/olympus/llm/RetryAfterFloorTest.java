package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code Retry-After: 3} means "not before three seconds": over twelve routers in parallel, each
 * one's retry reaches the server at least three seconds after the 429 (the server measures it).
 * With jitter that could subtract a quarter (waits of 2.25 to 3.75 s), each retry had close to an
 * even chance to come early, less the time the exchange itself takes.
 */
class RetryAfterFloorTest {
  static final int ROUTERS = 12;

  @Test
  void noRetryComesBeforeRetryAfter() throws Exception {
    Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
    try (FakeServer server = new FakeServer()) {
      for (int i = 0; i < ROUTERS; i++) {
        server.on("/r" + i + "/api/chat", exchange -> answer(exchange, arrivals));
      }
      ExecutorService pool = Executors.newFixedThreadPool(ROUTERS);
      try {
        List<Future<ChatResponse>> calls =
            IntStream.range(0, ROUTERS)
                .mapToObj(
                    i -> pool.submit(() -> router(server, "/r" + i).chat(ChatRequest.of("hi"))))
                .toList();
        for (Future<ChatResponse> call : calls) {
          assertEquals("ok", call.get(1, TimeUnit.MINUTES).text());
        }
      } finally {
        pool.shutdownNow();
      }
    }
    assertEquals(ROUTERS, arrivals.size());
    arrivals.forEach(
        (router, times) -> {
          Duration gap = Duration.ofNanos(times.get(1) - times.get(0));
          assertTrue(gap.compareTo(Duration.ofSeconds(3)) >= 0, router + " retried after " + gap);
        });
  }

  private static LlmRouter router(FakeServer server, String base) {
    return LlmRouter.builder()
        .local(OllamaProvider.at(server.uri().resolve(base), "llama3.2"))
        .retries(1, Duration.ofMillis(10), Duration.ofMillis(20))
        .build();
  }

  private static void answer(HttpExchange exchange, Map<String, List<Long>> arrivals)
      throws IOException {
    long now = System.nanoTime();
    String router = exchange.getRequestURI().getPath();
    List<Long> times = arrivals.computeIfAbsent(router, r -> new CopyOnWriteArrayList<>());
    times.add(now);
    if (times.size() == 1) {
      FakeServer.json(429, "{\"error\":\"slow down\"}", Map.of("Retry-After", "3"))
          .answer(exchange);
    } else {
      FakeServer.send(exchange, 200, "{\"message\":{\"content\":\"ok\"},\"done\":true}");
    }
  }
}
