package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.olympus.plan.ToolCall;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS over the pinned connection: an in-process HTTPS server with a certificate for {@code
 * localhost} made by the JDK's keytool. The server's name must still match its certificate.
 */
class HttpsPinnedTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path temp;

  private static HttpsServer server;
  private static SSLSocketFactory trusting;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    KeyStore keys = LocalhostCertificate.keyStore(temp.resolve("server.p12"), PASSWORD);
    SSLContext serverContext = LocalhostCertificate.serverContext(keys, PASSWORD);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    server.createContext(
        "/hello",
        exchange -> {
          byte[] body = ("hello " + exchange.getRequestHeaders().getFirst("Host")).getBytes();
          exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    port = server.getAddress().getPort();
    trusting = LocalhostCertificate.trusting(keys);
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private JsonNode get(HttpTools.Builder builder, String url) {
    ToolRegistry tools = ToolRegistry.builder().add(builder.allowLoopback(true).build()).build();
    var input = JsonNodeFactory.instance.objectNode().put("url", url);
    return tools.invoke(ToolCall.of("net.http.get", input), context());
  }

  @Test
  void aTrustedServerAnswersOverThePinnedConnection() {
    JsonNode result =
        get(HttpTools.builder().tls(trusting), "https://localhost:" + port + "/hello");
    assertEquals(200, result.get("status").asInt());
    assertEquals("hello localhost:" + port, result.get("text").asText());
  }

  @Test
  void aNameTheCertificateDoesNotCoverIsRefused() {
    HttpTools.Builder elsewhere =
        HttpTools.builder()
            .tls(trusting)
            .resolver(
                host ->
                    new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})});
    ToolExecutionException e =
        assertThrows(
            ToolExecutionException.class,
            () -> get(elsewhere, "https://other.test:" + port + "/hello"));
    assertTrue(
        e.getMessage().contains("SSL") || e.getMessage().contains("certificate"), e.getMessage());
  }

  @Test
  void anUntrustedCertificateIsRefused() {
    ToolExecutionException e =
        assertThrows(
            ToolExecutionException.class,
            () -> get(HttpTools.builder(), "https://localhost:" + port + "/hello"));
    assertTrue(e.getMessage().contains("SSL") || e.getMessage().contains("certif"), e.getMessage());
  }
}
