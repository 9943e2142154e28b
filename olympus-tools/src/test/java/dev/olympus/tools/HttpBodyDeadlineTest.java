package dev.olympus.tools;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server that sends its headers and part of the body, then stalls: the tool, called directly
 * (without the registry's own timeout), must still stop at its deadline or on cancellation. The
 * class timeout only guards against a hang; the assertions are about which exception comes out.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpBodyDeadlineTest {
  private HttpServer server;
  private ExecutorService handlers;
  private String base;
  private final CountDownLatch headersSent = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    handlers = Executors.newCachedThreadPool();
    server.setExecutor(handlers);
    server.createContext(
        "/slow",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/plain");
          exchange.sendResponseHeaders(200, 1000);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write("first part".getBytes(StandardCharsets.UTF_8));
            out.flush();
            headersSent.countDown();
            release.await();
          } catch (InterruptedException | IOException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }

  private Tool get(Duration timeout) {
    return HttpTools.builder().allowLoopback(true).timeout(timeout).build().get(0);
  }

  private ToolCall call() {
    return ToolCall.of(
        "net.http.get", JsonNodeFactory.instance.objectNode().put("url", base + "/slow"));
  }

  @Test
  void aStalledBodyEndsAtTheDeadline() {
    Tool tool = get(Duration.ofMillis(300));
    ToolContext context = ToolContext.of("plan-1", "step-1", Duration.ofMinutes(5));
    assertThrows(ToolTimeoutException.class, () -> tool.invoke(call(), context));
  }

  @Test
  void aStalledBodyEndsOnCancellation() throws InterruptedException {
    Tool tool = get(Duration.ofMinutes(5));
    ToolContext context = ToolContext.of("plan-1", "step-1", Duration.ofMinutes(5));
    Thread canceller =
        new Thread(
            () -> {
              try {
                headersSent.await();
                context.cancellation().cancel();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    canceller.start();
    assertThrows(ToolCancelledException.class, () -> tool.invoke(call(), context));
    canceller.join();
  }
}
