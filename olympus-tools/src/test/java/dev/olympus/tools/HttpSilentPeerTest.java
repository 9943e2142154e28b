package dev.olympus.tools;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer that accepts the connection and then neither reads nor writes a byte: the tool, called
 * directly (without the registry's own timeout, whose worker thread a stuck call would hold for
 * good), must still stop at its deadline or on cancellation, whether it is waiting for the TLS
 * handshake or sending a body the peer never reads. The class timeout only guards against a hang;
 * the assertions are about which exception comes out.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpSilentPeerTest {
  private static final int LARGE_BODY = 24 << 20;

  private ServerSocket silent;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final CountDownLatch accepted = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    silent = new ServerSocket();
    silent.setReceiveBufferSize(4096); // so that the client's writes fill the buffers and block
    silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor =
        new Thread(
            () -> {
              while (!silent.isClosed()) {
                try {
                  held.add(silent.accept());
                  accepted.countDown();
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "silent-peer");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws IOException {
    silent.close();
    for (Socket socket : held) {
      socket.close();
    }
  }

  private String url(String scheme) {
    return scheme + "://127.0.0.1:" + silent.getLocalPort() + "/";
  }

  private static HttpTools.Builder tools(Duration timeout) {
    return HttpTools.builder().allowLoopback(true).timeout(timeout);
  }

  private static ToolCall get(String url) {
    return ToolCall.of("net.http.get", JsonNodeFactory.instance.objectNode().put("url", url));
  }

  private static ToolCall post(String url) {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("url", url);
    input.put("body", "x".repeat(LARGE_BODY));
    return ToolCall.of("net.http.post", input);
  }

  private static ToolContext context() {
    return ToolContext.of("plan-1", "step-1", Duration.ofMinutes(5));
  }

  @Test
  void aTlsHandshakeThePeerNeverAnswersEndsAtTheDeadline() {
    Tool tool = tools(Duration.ofMillis(300)).build().get(0);
    assertThrows(ToolTimeoutException.class, () -> tool.invoke(get(url("https")), context()));
  }

  @Test
  void aBodyThePeerNeverReadsEndsAtTheDeadline() {
    Tool tool = tools(Duration.ofMillis(300)).enablePost().build().get(1);
    assertThrows(ToolTimeoutException.class, () -> tool.invoke(post(url("http")), context()));
  }

  @Test
  void aBodyThePeerNeverReadsEndsOnCancellation() throws InterruptedException {
    Tool tool = tools(Duration.ofMinutes(5)).enablePost().build().get(1);
    ToolContext context = context();
    Thread canceller =
        new Thread(
            () -> {
              try {
                accepted.await();
                context.cancellation().cancel();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    canceller.start();
    assertThrows(ToolCancelledException.class, () -> tool.invoke(post(url("http")), context));
    canceller.join();
  }
}
