package dev.olympus.benchmarks.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the {@code LlmRouter} adds to one chat call, against a raw {@link HttpClient} call to the
 * same loopback server answering Ollama's {@code /api/chat} (both parse the JSON answer), and what
 * a cache hit costs. Sample mode reports the median ({@code p0.50}); the target is at most 0.5 ms
 * added by the router.
 *
 * <p>Run: {@code mvn -B -ntp -DskipTests install && mvn -B -ntp -pl benchmarks exec:exec
 * -Djmh.include=RouterOverhead}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RouterOverheadBenchmark {
  private static final String ANSWER =
      "{\"model\":\"bench\",\"created_at\":\"2023-12-12T14:13:43.416799Z\","
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello! How are you today?\"},"
          + "\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":26,\"eval_count\":298}";
  private static final String BODY =
      "{\"model\":\"bench\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
          + "\"options\":{\"temperature\":0.7,\"num_predict\":1024}}";

  /** Which way to make the call. */
  public enum Path {
    /** A hand-written {@link HttpClient} POST and JSON parse. */
    RAW_HTTP_CLIENT,
    /** The raw call with a request timeout, waited for as the providers wait (diagnostic). */
    RAW_WITH_TIMEOUT,
    /** {@code LlmRouter.chat} with a non-deterministic request (never cached). */
    ROUTER,
    /** {@code LlmRouter.chat} with a deterministic request already in the cache. */
    ROUTER_CACHE_HIT
  }

  @Param({"RAW_HTTP_CLIENT", "RAW_WITH_TIMEOUT", "ROUTER", "ROUTER_CACHE_HIT"})
  public Path path;

  private final ObjectMapper mapper = new ObjectMapper();
  private HttpServer server;
  private ExecutorService serverThreads;
  private HttpClient client;
  private HttpRequest raw;
  private LlmRouter router;
  private ChatRequest warm;
  private ChatRequest deterministic;

  @Setup(Level.Trial)
  public void start() throws IOException {
    // Without TCP_NODELAY the JDK server's header and body writes meet delayed ACKs (~40 ms a
    // call), which would hide everything this benchmark measures. Read when the server class loads.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    serverThreads = Executors.newFixedThreadPool(2);
    server.setExecutor(serverThreads);
    byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/api/chat",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    raw =
        HttpRequest.newBuilder(uri.resolve("/api/chat"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build();
    router = LlmRouter.builder().local(OllamaProvider.at(uri, "bench")).build();
    warm = ChatRequest.builder().user("Hi").temperature(0.7).build();
    deterministic = ChatRequest.builder().user("Hi").temperature(0).build();
    router.chat(deterministic);
  }

  @TearDown(Level.Trial)
  public void stop() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  @Benchmark
  public Object call() throws Exception {
    return switch (path) {
      case RAW_HTTP_CLIENT -> rawCall();
      case RAW_WITH_TIMEOUT -> rawWithTimeout();
      case ROUTER -> router.chat(warm);
      case ROUTER_CACHE_HIT -> router.chat(deterministic);
    };
  }

  private JsonNode rawWithTimeout() throws Exception {
    HttpRequest timed =
        HttpRequest.newBuilder(raw, (n, v) -> true).timeout(Duration.ofMinutes(2)).build();
    HttpResponse<String> response =
        client.sendAsync(timed, HttpResponse.BodyHandlers.ofString()).get(2, TimeUnit.MINUTES);
    return mapper.readTree(response.body());
  }

  private JsonNode rawCall() throws Exception {
    HttpResponse<String> response = client.send(raw, HttpResponse.BodyHandlers.ofString());
    return mapper.readTree(response.body());
  }
}
