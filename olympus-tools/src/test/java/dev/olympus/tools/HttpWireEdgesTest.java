package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.ToolCall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What goes over the wire and what is accepted back, against a raw socket peer that records each
 * request byte for byte and answers with canned bytes: the request head a server relies on, interim
 * and bodiless answers, loose but legal heads, bodies that must not be waited for, and answers that
 * must be refused.
 */
class HttpWireEdgesTest {
  private RawPeer peer;

  @BeforeEach
  void start() throws IOException {
    peer = new RawPeer();
  }

  @AfterEach
  void stop() throws IOException {
    peer.close();
  }

  private static ToolRegistry tools(long maxBytes) {
    return ToolRegistry.builder()
        .add(
            HttpTools.builder().allowLoopback(true).enablePost().maxResponseBytes(maxBytes).build())
        .build();
  }

  private static JsonNode get(String url) {
    return get(tools(1000), url);
  }

  private static JsonNode get(ToolRegistry tools, String url) {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("url", url);
    return tools.invoke(ToolCall.of("net.http.get", input), context());
  }

  private static JsonNode post(ObjectNode input) {
    return tools(1000).invoke(ToolCall.of("net.http.post", input), context());
  }

  @Test
  void aGetSendsThePathQueryAndHostAndAsksForAPlainClosedAnswer() {
    peer.answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    get(peer.base() + "/a%20b/c?x=1&y=%2F");
    List<String> head = peer.head(0);
    assertEquals("GET /a%20b/c?x=1&y=%2F HTTP/1.1", head.get(0));
    assertTrue(head.contains("Host: 127.0.0.1:" + peer.port()), head.toString());
    assertTrue(head.contains("User-Agent: olympus-tools"), head.toString());
    assertTrue(head.contains("Accept-Encoding: identity"), head.toString());
    assertTrue(head.contains("Connection: close"), head.toString());
    assertFalse(peer.headers(0).containsKey("content-length"), head.toString());
    assertFalse(peer.headers(0).containsKey("content-type"), head.toString());
    assertEquals("", peer.body(0));
  }

  @Test
  void aUrlWithoutAPathAsksForTheRoot() {
    peer.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    peer.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    get(peer.base());
    get(peer.base() + "?q=1");
    assertEquals("GET / HTTP/1.1", peer.head(0).get(0));
    assertEquals("GET /?q=1 HTTP/1.1", peer.head(1).get(0));
  }

  @Test
  void aPostSendsItsBodyWithTheByteLengthAndTheContentType() {
    peer.answer("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
    peer.answer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    ObjectNode typed =
        JsonNodeFactory.instance
            .objectNode()
            .put("url", peer.base() + "/form")
            .put("body", "name=Zoë")
            .put("contentType", "application/x-www-form-urlencoded");
    assertEquals(201, post(typed).get("status").asInt());
    assertEquals("POST /form HTTP/1.1", peer.head(0).get(0));
    assertEquals("application/x-www-form-urlencoded", peer.headers(0).get("content-type"));
    assertEquals("9", peer.headers(0).get("content-length"), "bytes, not characters");
    assertEquals("name=Zoë", peer.body(0));

    ObjectNode untyped =
        JsonNodeFactory.instance.objectNode().put("url", peer.base() + "/json").put("body", "{}");
    post(untyped);
    assertEquals("application/json", peer.headers(1).get("content-type"));
    assertEquals("{}", peer.body(1));
  }

  @Test
  void anInterimContinueIsSkippedForTheFinalAnswer() {
    peer.answer(
        "HTTP/1.1 100 Continue\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nfinal");
    JsonNode result = get(peer.base() + "/slow");
    assertEquals(200, result.get("status").asInt());
    assertEquals("final", result.get("text").asText());
  }

  @Test
  void noContentAndNotModifiedHaveNoBodyWhateverFollows() {
    peer.answer("HTTP/1.1 204 No Content\r\nContent-Type: text/plain\r\n\r\nstray bytes");
    peer.answer("HTTP/1.1 304 Not Modified\r\nContent-Type: text/plain\r\n\r\nstray bytes");
    JsonNode none = get(peer.base() + "/a");
    assertEquals(204, none.get("status").asInt());
    assertEquals("", none.get("text").asText());
    JsonNode cached = get(peer.base() + "/b");
    assertEquals(304, cached.get("status").asInt());
    assertEquals("", cached.get("text").asText());
  }

  @Test
  void looseButLegalHeadsAreRead() {
    peer.answer(
        "HTTP/1.1 200\n"
            + "CONTENT-TYPE :  text/plain; charset=utf-8\n"
            + "Content-Type: application/octet-stream\n"
            + "a line without a colon\n"
            + ": no name\n"
            + "Content-Length: 4\n"
            + "\n"
            + "text");
    JsonNode result = get(peer.base() + "/loose");
    assertEquals("text", result.get("text").asText(), "the first Content-Type, LF-only lines");
    assertEquals(200, result.get("status").asInt(), "no reason phrase");
  }

  @Test
  void aReasonPhraseOrHeaderWithLatin1BytesIsAccepted() {
    peer.answer(
        "HTTP/1.1 200 Tr\u00e8s bien\r\nX-Note: \u00ff\u00e9\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 2\r\n\r\nok");
    assertEquals("ok", get(peer.base() + "/latin1").get("text").asText());
  }

  @Test
  void chunkedBodiesWithUpperCaseEncodingExtensionsAndHexSizesAreJoined() {
    String ten = "0123456789";
    peer.answer(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\nContent-Type: text/plain\r\n\r\n"
            + "a;name=value\r\n"
            + ten
            + "\r\n3\r\nabc\r\n0\r\n\r\n");
    assertEquals(ten + "abc", get(peer.base() + "/chunks").get("text").asText());
  }

  @Test
  void aBodyOverTheLimitIsNotWaitedForWhenTheServerKeepsSending() {
    // Both peers promise more than they send and then keep the connection open: a client that
    // read past the limit would wait for the rest until its timeout.
    peer.answerAndHold(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n"
            + "x".repeat(100));
    peer.answerAndHold(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "64\r\n"
            + "y".repeat(100)
            + "\r\n");
    ToolRegistry tools = tools(10);
    JsonNode promised = get(tools, peer.base() + "/promised");
    assertEquals("x".repeat(10), promised.get("text").asText());
    assertTrue(promised.get("truncated").asBoolean());
    JsonNode chunked = get(tools, peer.base() + "/chunked");
    assertEquals("y".repeat(10), chunked.get("text").asText());
    assertTrue(chunked.get("truncated").asBoolean());
  }

  @Test
  void theBodyOfARedirectOrAnOverloadedAnswerIsNeverRead() {
    String broken = "Transfer-Encoding: chunked\r\n\r\nnot a chunk size\r\n";
    peer.answer("HTTP/1.1 302 Found\r\nLocation: /next\r\n" + broken);
    peer.answer("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nnext");
    assertEquals("next", get(peer.base() + "/first").get("text").asText());
    peer.answer("HTTP/1.1 503 Busy\r\n" + broken);
    ToolExecutionException busy =
        assertThrows(ToolExecutionException.class, () -> get(peer.base() + "/busy"));
    assertTrue(busy.getMessage().contains("server answered 503"), busy.getMessage());
    assertTrue(busy.retryable());
  }

  @Test
  void malformedStatusLinesAndLengthsAreRefused() {
    List<String> answers =
        List.of(
            "HTTP/1.1\r\n\r\n",
            "HTTP/2 200 OK\r\n\r\n",
            "HTTP/1.1 20x OK\r\n\r\n",
            "HTTP/1.1 2000 OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    List<String> expected =
        List.of(
            "malformed status line",
            "malformed status line",
            "malformed status line",
            "malformed status line",
            "malformed Content-Length",
            "malformed chunk size");
    for (int i = 0; i < answers.size(); i++) {
      peer.answer(answers.get(i));
      String url = peer.base() + "/" + i;
      ToolExecutionException e = assertThrows(ToolExecutionException.class, () -> get(url));
      assertTrue(e.getMessage().contains(expected.get(i)), answers.get(i) + ": " + e.getMessage());
      assertTrue(e.retryable(), e.getMessage());
    }
  }

  @Test
  void aHeadOfExactly64KiBIsReadAndOneByteMoreIsRefused() {
    // Every byte of the head counts except the line feeds: status line, headers, final CR.
    String start = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Pad: ";
    String end = "\r\nContent-Length: 2\r\n\r\n";
    String lines = start + end;
    int pad = 64 * 1024 - (lines.length() - (int) lines.chars().filter(c -> c == '\n').count());
    peer.answer(start + "p".repeat(pad) + end + "ok");
    assertEquals("ok", get(peer.base() + "/exact").get("text").asText());
    peer.answer(start + "p".repeat(pad + 1) + end + "ok");
    ToolExecutionException e =
        assertThrows(ToolExecutionException.class, () -> get(peer.base() + "/over"));
    assertTrue(e.getMessage().contains("response head is larger than 65536"), e.getMessage());
  }

  @Test
  void aHeadClosedBeforeItsEndIsAFailure() {
    peer.answer("HTTP/1.1 200 OK\r\nContent-Type: text/pl");
    ToolExecutionException e =
        assertThrows(ToolExecutionException.class, () -> get(peer.base() + "/cut"));
    assertTrue(e.getMessage().contains("in the middle of the head"), e.getMessage());
  }

  /**
   * A server on 127.0.0.1 that takes connections one after another, records each request (head
   * lines and the body its Content-Length announces) and answers with the next canned bytes, then
   * closes, or with {@link #answerAndHold} keeps the connection open until the client closes it.
   */
  private static final class RawPeer implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    private final List<String> answers = Collections.synchronizedList(new ArrayList<>());
    private final List<Boolean> holds = Collections.synchronizedList(new ArrayList<>());
    private final List<List<String>> heads = Collections.synchronizedList(new ArrayList<>());
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread = new Thread(this::serve, "raw-peer");

    RawPeer() throws IOException {
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    String base() {
      return "http://127.0.0.1:" + port();
    }

    void answer(String answer) {
      answers.add(answer);
      holds.add(false);
    }

    void answerAndHold(String answer) {
      answers.add(answer);
      holds.add(true);
    }

    List<String> head(int request) {
      return heads.get(request);
    }

    Map<String, String> headers(int request) {
      Map<String, String> headers = new HashMap<>();
      for (String line : heads.get(request).subList(1, heads.get(request).size())) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
      }
      return headers;
    }

    String body(int request) {
      return bodies.get(request);
    }

    private void serve() {
      for (int served = 0; !server.isClosed(); served++) {
        try (Socket socket = server.accept()) {
          InputStream in = socket.getInputStream();
          List<String> head = readHead(in);
          heads.add(head);
          bodies.add(new String(in.readNBytes(contentLength(head)), UTF_8));
          socket.getOutputStream().write(answers.get(served).getBytes(ISO_8859_1));
          socket.getOutputStream().flush();
          if (holds.get(served)) {
            in.transferTo(OutputStream.nullOutputStream());
          }
        } catch (IOException | IndexOutOfBoundsException closed) {
          // The test ended, or the client hung up.
        }
      }
    }

    private static int contentLength(List<String> head) {
      for (String line : head) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          return Integer.parseInt(line.substring("content-length:".length()).strip());
        }
      }
      return 0;
    }

    private static List<String> readHead(InputStream in) throws IOException {
      List<String> lines = new ArrayList<>();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (b != '\n') {
          line.write(b);
          continue;
        }
        String text = line.toString(ISO_8859_1).replaceAll("\r$", "");
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
        line.reset();
      }
      return lines;
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
