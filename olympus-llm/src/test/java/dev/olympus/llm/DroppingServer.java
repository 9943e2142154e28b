package dev.olympus.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A raw socket server that sends HTTP headers promising a longer body, writes {@code partial}, then
 * resets the connection: a connection that drops mid-stream.
 */
final class DroppingServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread thread;

  DroppingServer(String contentType, String partial) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    thread = new Thread(() -> serve(contentType, partial), "dropping-server");
    thread.setDaemon(true);
    thread.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  private void serve(String contentType, String partial) {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        readHeaders(client.getInputStream());
        byte[] body = partial.getBytes(StandardCharsets.UTF_8);
        String head =
            "HTTP/1.1 200 OK\r\nContent-Type: "
                + contentType
                + "\r\nContent-Length: "
                + (body.length + 1000)
                + "\r\n\r\n";
        OutputStream out = client.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        client.setSoLinger(true, 0); // reset, not a clean close
      } catch (IOException e) {
        return;
      }
    }
  }

  static void readHeaders(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    // the JSON body follows; it is small and the server does not need it
    in.skip(in.available());
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
