package dev.olympus.benchmarks.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.FinishReason;
import dev.olympus.llm.LlmRouter;
import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.Usage;
import dev.olympus.llm.spi.Capability;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.llm.spi.ProviderReply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
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
 * What the {@code LlmRouter} adds to one chat call, and what a cache hit costs. Every path posts
 * the same JSON body to the same loopback server answering Ollama's {@code /api/chat}, over one
 * kept-alive HTTP/1.1 connection, and parses the JSON answer:
 *
 * <ul>
 *   <li>{@code RAW_HTTP_CLIENT}: the baseline the target is set against, a hand-written {@link
 *       HttpClient#send} of a prebuilt body, with no timeout at all;
 *   <li>{@code RAW_WITH_TIMEOUT}: the same with a request timeout (which the JDK client enforces
 *       only until the headers arrive), to show what bounding the wait costs by itself;
 *   <li>{@code ROUTER}: {@code LlmRouter.chat} of a non-deterministic request (never cached): it
 *       builds and serializes the body from a {@code ChatRequest}, reserves and settles the
 *       budgets, runs the provider inside its retry policy and circuit breaker, bounds the whole
 *       exchange (headers and body) by the request timeout, decodes the answer into a {@code
 *       ChatResponse}, sets the MDC and reports a {@code CallEvent};
 *   <li>{@code ROUTER_CACHE_HIT}: a deterministic request already in the cache.
 * </ul>
 *
 * <p>The overhead is {@code ROUTER} minus {@code RAW_HTTP_CLIENT}, median against median ({@code
 * p0.50} in sample mode); the target is at most 50 µs. The server runs in this JVM and shares the
 * CPU, so run it on a quiet machine and alternate runs when comparing builds.
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
    /** The provider's own {@code chat}, without the router (diagnostic: the transport's share). */
    PROVIDER,
    /**
     * {@code LlmRouter.chat} over an in-memory provider that answers at once (diagnostic: the
     * router's own share, with no HTTP).
     */
    ROUTER_IN_MEMORY,
    /** A hand-written {@link HttpClient} POST and JSON parse: the baseline. */
    RAW_HTTP_CLIENT,
    /** The raw call with a request timeout, which bounds the wait for the headers (diagnostic). */
    RAW_WITH_TIMEOUT,
    /** {@code LlmRouter.chat} with a non-deterministic request (never cached). */
    ROUTER,
    /** {@code LlmRouter.chat} with a deterministic request already in the cache. */
    ROUTER_CACHE_HIT
  }

  @Param({
    "RAW_HTTP_CLIENT",
    "RAW_WITH_TIMEOUT",
    "PROVIDER",
    "ROUTER",
    "ROUTER_IN_MEMORY",
    "ROUTER_CACHE_HIT"
  })
  public Path path;

  private final ObjectMapper mapper = new ObjectMapper();
  private HttpServer server;
  private ExecutorService serverThreads;
  private HttpClient client;
  private HttpRequest raw;
  private HttpRequest timed;
  private LlmRouter router;
  private LlmProvider provider;
  private ChatRequest capped;
  private LlmRouter inMemory;
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
    timed = HttpRequest.newBuilder(raw, (n, v) -> true).timeout(Duration.ofMinutes(2)).build();
    provider = OllamaProvider.at(uri, "bench");
    router = LlmRouter.builder().local(provider).build();
    inMemory = LlmRouter.builder().local(new AnswersAtOnce()).build();
    warm = ChatRequest.builder().user("Hi").temperature(0.7).build();
    capped = warm.withMaxTokens(1024);
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
      case PROVIDER -> provider.chat(capped);
      case ROUTER -> router.chat(warm);
      case ROUTER_IN_MEMORY -> inMemory.chat(warm);
      case ROUTER_CACHE_HIT -> router.chat(deterministic);
    };
  }

  private JsonNode rawWithTimeout() throws Exception {
    HttpResponse<String> response = client.send(timed, HttpResponse.BodyHandlers.ofString());
    return mapper.readTree(response.body());
  }

  private JsonNode rawCall() throws Exception {
    HttpResponse<String> response = client.send(raw, HttpResponse.BodyHandlers.ofString());
    return mapper.readTree(response.body());
  }

  /** A local provider that answers every chat at once with the same reply. */
  private static final class AnswersAtOnce implements LlmProvider {
    private static final ProviderReply REPLY =
        new ProviderReply(
            "Hello! How are you today?", List.of(), FinishReason.STOP, new Usage(26, 298), "bench");

    @Override
    public String name() {
      return "in-memory";
    }

    @Override
    public String model() {
      return "bench";
    }

    @Override
    public Set<Capability> capabilities() {
      return Set.of();
    }

    @Override
    public ProviderReply chat(ChatRequest request) {
      return REPLY;
    }
  }
}
