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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
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
    KeyStore keys = keyStore(temp.resolve("server.p12"));
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keyManagers.getKeyManagers(), null, null);
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
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("server", keys.getCertificate("server"));
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, trust.getTrustManagers(), null);
    trusting = clientContext.getSocketFactory();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static KeyStore keyStore(Path file) throws Exception {
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      keys.load(in, PASSWORD);
    }
    return keys;
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
