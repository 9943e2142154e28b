package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS server name (SNI) a server hosting several names needs to pick its certificate: sent for
 * a host name, even one without a dot (which the JDK alone leaves out), and never for an address.
 * The peer is a raw TLS socket that records the names each handshake asked for.
 */
class HttpsServerNameTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path temp;

  private static SSLServerSocket server;
  private static SSLSocketFactory trusting;
  private static final List<List<SNIServerName>> asked = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    KeyStore keys = LocalhostCertificate.keyStore(temp.resolve("server.p12"), PASSWORD);
    SSLContext serverContext = LocalhostCertificate.serverContext(keys, PASSWORD);
    server =
        (SSLServerSocket)
            serverContext
                .getServerSocketFactory()
                .createServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread peer = new Thread(HttpsServerNameTest::serve, "tls-peer");
    peer.setDaemon(true);
    peer.start();
    trusting = LocalhostCertificate.trusting(keys);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  private static void serve() {
    while (!server.isClosed()) {
      try (SSLSocket socket = (SSLSocket) server.accept()) {
        socket.startHandshake();
        asked.add(((ExtendedSSLSession) socket.getSession()).getRequestedServerNames());
        readHead(socket.getInputStream());
        String answer =
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";
        socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
      } catch (IOException failedHandshake) {
        // A client that refuses the certificate hangs up; the next one is served.
      }
    }
  }

  private static void readHead(InputStream in) throws IOException {
    int last = 0;
    for (int b = in.read(); b >= 0; b = in.read()) {
      last = (last << 8 | b) & 0xFFFFFFFF;
      if (last == 0x0D0A0D0A) {
        return;
      }
    }
  }

  private static JsonNode get(String url) {
    Tool get = HttpTools.builder().allowLoopback(true).tls(trusting).build().get(0);
    var input = JsonNodeFactory.instance.objectNode().put("url", url);
    return get.invoke(ToolCall.of(get.id(), input), context());
  }

  @Test
  void aHostNameWithoutADotIsSentAsTheServerName() {
    asked.clear();
    assertEquals(
        "ok", get("https://localhost:" + server.getLocalPort() + "/").get("text").asText());
    assertEquals(List.of(List.of(new SNIHostName("localhost"))), asked);
  }

  @Test
  void anAddressIsNeverSentAsAServerNameAndIsCheckedAgainstTheCertificate() {
    ToolExecutionException e =
        assertThrows(
            ToolExecutionException.class,
            () -> get("https://127.0.0.1:" + server.getLocalPort() + "/"));
    assertTrue(e.getMessage().contains("SSL") || e.getMessage().contains("certif"), e.getMessage());
  }
}
