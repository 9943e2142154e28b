package dev.olympus.llm;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A raw socket server that takes one request, sends {@code head} (nothing, or a response head and
 * the start of a body), then holds the connection open until the client drops it: a server that
 * stalls, and sees whether the client gave the connection up.
 */
final class HoldingServer implements AutoCloseable {
  private final ServerSocket socket;
  private final CountDownLatch received = new CountDownLatch(1);
  private final CountDownLatch dropped = new CountDownLatch(1);

  HoldingServer(String head) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(() -> serve(head), "holding-server");
    thread.setDaemon(true);
    thread.start();
  }

  /** A streamed 200 answer's head and {@code lines}, in chunked encoding, without its end. */
  static String streaming(String contentType, String... lines) {
    StringBuilder head =
        new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: ")
            .append(contentType)
            .append("\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (String line : lines) {
      byte[] chunk = (line + "\n").getBytes(StandardCharsets.UTF_8);
      head.append(Integer.toHexString(chunk.length)).append("\r\n").append(line).append("\n\r\n");
    }
    return head.toString();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  /** Waits until the request has arrived (a bound for a hang, not a timing). */
  void awaitRequest() throws InterruptedException {
    if (!received.await(1, TimeUnit.MINUTES)) {
      throw new AssertionError("no request arrived");
    }
  }

  /** Whether the client dropped the connection within a minute (a bound for a hang). */
  boolean dropped() throws InterruptedException {
    return dropped.await(1, TimeUnit.MINUTES);
  }

  private void serve(String head) {
    try (Socket client = socket.accept()) {
      InputStream in = client.getInputStream();
      DroppingServer.readHeaders(in);
      received.countDown();
      client.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
      client.getOutputStream().flush();
      while (in.read() >= 0) {
        // the client sends nothing more; the read ends when it closes the connection
      }
      dropped.countDown();
    } catch (IOException reset) {
      dropped.countDown();
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
