package dev.olympus.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The browser end of {@code web.browse} without Chromium: a shell script that starts like Chromium
 * (writes {@code DevToolsActivePort} into its {@code --user-data-dir}, then waits to be killed) and
 * an in-process DevTools peer speaking the real wire format (RFC 6455 WebSocket, CDP JSON
 * messages). The peer plays one page load: every scripted request is paused with {@code
 * Fetch.requestPaused}, and {@code Page.navigate} is answered once each has been continued or
 * failed.
 */
final class DevToolsPeer implements AutoCloseable {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final ServerSocket server;
  private final Thread thread;
  private final List<String> requests;
  private final Set<String> silent = new HashSet<>();
  private final Set<String> dropping = new HashSet<>();
  private final Set<String> garbling = new HashSet<>();
  private final List<String> failing = new ArrayList<>();
  private String page = "{}";
  private byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
  private String navigateError;

  /** Every message the client sent, in order. */
  final List<JsonNode> received = new CopyOnWriteArrayList<>();

  private OutputStream out;
  private long navigateId = -1;
  private final Set<String> decided = new HashSet<>();

  /** A peer that pauses {@code requests} (URLs) once the page is navigated. */
  DevToolsPeer(String... requests) throws IOException {
    this.requests = List.of(requests);
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "devtools-peer");
    thread.setDaemon(true);
    thread.start();
  }

  DevToolsPeer page(String json) {
    this.page = json;
    return this;
  }

  DevToolsPeer png(byte[] bytes) {
    this.png = bytes.clone();
    return this;
  }

  /** {@code Page.navigate} answers with this {@code errorText} instead of loading. */
  DevToolsPeer navigateError(String error) {
    this.navigateError = error;
    return this;
  }

  /** {@code method} is never answered. */
  DevToolsPeer silentOn(String method) {
    silent.add(method);
    return this;
  }

  /** The connection is cut when {@code method} is called. */
  DevToolsPeer dropOn(String method) {
    dropping.add(method);
    return this;
  }

  /** A frame no WebSocket may send (reserved opcode 3) answers {@code method}. */
  DevToolsPeer garbleOn(String method) {
    garbling.add(method);
    return this;
  }

  /** Whether the client closed the connection within {@code seconds} (a bound for a hang). */
  boolean closedWithin(int seconds) throws InterruptedException {
    thread.join(seconds * 1000L);
    return !thread.isAlive();
  }

  /** {@code method} is answered with a CDP error. */
  DevToolsPeer failOn(String method) {
    failing.add(method);
    return this;
  }

  /**
   * A fake Chromium in {@code dir} that records its arguments in {@code args}, reads its input to
   * the end (so it starts only once that is closed), and announces the peer's port.
   */
  Path chromium(Path dir, Path args) throws IOException {
    return script(
        dir,
        "cat > /dev/null\n"
            + "printf '%s\\n' \"$@\" > '"
            + args
            + "'\n"
            + "for a in \"$@\"; do case \"$a\" in --user-data-dir=*) d=\"${a#--user-data-dir=}\";;"
            + " esac; done\n"
            + "printf '%s\\n/devtools/browser/peer\\n' "
            + server.getLocalPort()
            + " > \"$d/port.tmp\" && mv \"$d/port.tmp\" \"$d/DevToolsActivePort\"\n"
            + "exec sleep 300\n");
  }

  /** A script in {@code dir} with {@code body} after the {@code #!/bin/sh} line. */
  static Path script(Path dir, String body) throws IOException {
    Path file = Files.createTempFile(dir, "chromium", ".sh");
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  /** The methods the client called, in order. */
  List<String> methods() {
    return received.stream().map(m -> m.path("method").asText()).toList();
  }

  /** Waits until the client has called {@code method}. */
  void awaitCall(String method) throws InterruptedException {
    synchronized (received) {
      while (!methods().contains(method)) {
        received.wait();
      }
    }
  }

  /** The first message calling {@code method}. */
  JsonNode message(String method) {
    return received.stream()
        .filter(m -> m.path("method").asText().equals(method))
        .findFirst()
        .orElseThrow(() -> new AssertionError(method + " not called: " + methods()));
  }

  private void serve() {
    try (Socket socket = server.accept()) {
      out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      handshake(in);
      for (String text = readText(in); text != null; text = readText(in)) {
        JsonNode message = TestSupport.MAPPER.readTree(text);
        synchronized (received) {
          received.add(message);
          received.notifyAll();
        }
        answer(message);
      }
    } catch (IOException closed) {
      // the client aborted the connection: the load is over
    }
  }

  private void handshake(InputStream in) throws IOException {
    String key = null;
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-key:")) {
        key = line.substring(line.indexOf(':') + 1).trim();
      }
    }
    String accept = base64(sha1(key + GUID));
    out.write(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + accept
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("closed during the handshake");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** The next whole text message, or null once the client closes. */
  private static String readText(DataInputStream in) throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    while (true) {
      int first = in.read();
      if (first < 0) {
        return null;
      }
      int second = in.readUnsignedByte();
      long length = second & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] mask = new byte[4];
      if ((second & 0x80) != 0) {
        in.readFully(mask);
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
      int opcode = first & 0x0f;
      if (opcode == 8) {
        return null;
      }
      if (opcode == 0 || opcode == 1) {
        message.write(payload);
        if ((first & 0x80) != 0) {
          return message.toString(StandardCharsets.UTF_8);
        }
      }
    }
  }

  private void answer(JsonNode message) throws IOException {
    String method = message.path("method").asText();
    long id = message.path("id").asLong();
    if (silent.contains(method)) {
      return;
    }
    if (garbling.contains(method)) {
      out.write(new byte[] {(byte) 0x83, 0});
      out.flush();
      return;
    }
    if (dropping.contains(method)) {
      throw new IOException("the peer cuts the connection");
    }
    if (failing.contains(method)) {
      ObjectNode reply = TestSupport.MAPPER.createObjectNode().put("id", id);
      reply.putObject("error").put("code", -32000).put("message", method + " refused by peer");
      send(reply.toString());
      return;
    }
    switch (method) {
      case "Target.createTarget" -> reply(id, result().put("targetId", "target-1"));
      case "Target.attachToTarget" -> reply(id, result().put("sessionId", "session-1"));
      case "Page.navigate" -> navigate(id);
      case "Fetch.continueRequest", "Fetch.failRequest" -> decided(message);
      case "Runtime.evaluate" -> {
        ObjectNode value = result();
        value.putObject("result").put("type", "string").put("value", page);
        reply(id, value);
      }
      case "Page.captureScreenshot" ->
          reply(id, result().put("data", Base64.getEncoder().encodeToString(png)));
      default -> reply(id, result());
    }
  }

  private void navigate(long id) throws IOException {
    navigateId = id;
    send("this is not JSON"); // a peer's noise is ignored
    for (int i = 0; i < requests.size(); i++) {
      ObjectNode paused = TestSupport.MAPPER.createObjectNode();
      paused.put("method", "Fetch.requestPaused").put("sessionId", "session-1");
      ObjectNode params = paused.putObject("params").put("requestId", "request-" + i);
      params.putObject("request").put("url", requests.get(i));
      send(paused.toString());
    }
    finishIfDecided();
  }

  private void decided(JsonNode message) throws IOException {
    decided.add(message.path("params").path("requestId").asText());
    finishIfDecided();
  }

  private void finishIfDecided() throws IOException {
    if (navigateId < 0 || decided.size() < requests.size()) {
      return;
    }
    long id = navigateId;
    navigateId = -1;
    ObjectNode result = result().put("frameId", "frame-1");
    if (navigateError != null) {
      reply(id, result.put("errorText", navigateError));
      return;
    }
    reply(id, result);
    send("{\"method\":\"Page.loadEventFired\",\"sessionId\":\"session-1\",\"params\":{}}");
  }

  private static ObjectNode result() {
    return TestSupport.MAPPER.createObjectNode();
  }

  /** Replies in two frames, so the client must join the fragments. */
  private void reply(long id, ObjectNode result) throws IOException {
    ObjectNode reply = TestSupport.MAPPER.createObjectNode().put("id", id);
    reply.set("result", result);
    String text = reply.toString();
    int half = text.length() / 2;
    frame(0x01, text.substring(0, half));
    frame(0x80, text.substring(half));
  }

  private void send(String text) throws IOException {
    frame(0x81, text);
  }

  private void frame(int first, String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(first);
    if (payload.length < 126) {
      frame.write(payload.length);
    } else if (payload.length < 65536) {
      frame.write(126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift) & 0xff);
      }
    }
    frame.write(payload);
    out.write(frame.toByteArray());
    out.flush();
  }

  private static byte[] sha1(String text) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
