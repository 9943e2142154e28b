package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tool's input schema may come from an untrusted peer (an MCP server): compiling it never loads
 * what a {@code $ref} or {@code $schema} names, neither a URL (a request from inside the host, past
 * the SSRF guard) nor a local file. The registry refuses such a tool, naming it. The "internal
 * service" is an in-process HTTP server recording every request.
 */
class SchemaReferenceTest {
  private final List<String> fetched = new CopyOnWriteArrayList<>();
  private HttpServer internal;

  @BeforeEach
  void startInternalService() throws IOException {
    internal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    internal.createContext(
        "/",
        exchange -> {
          fetched.add(exchange.getRequestURI().toString());
          byte[] schema = "{\"type\":\"string\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, schema.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(schema);
          }
        });
    internal.start();
  }

  @AfterEach
  void stop() {
    internal.stop(0);
  }

  private static Tool withSchema(String schema) {
    return Tool.builder("peer.lookup")
        .description("d")
        .inputSchema(json(schema))
        .handler((in, ctx) -> in);
  }

  private IllegalArgumentException refused(String schema) {
    return assertThrows(
        IllegalArgumentException.class,
        () -> ToolRegistry.builder().add(withSchema(schema)).build());
  }

  @Test
  void aReferenceToAUrlIsNeverFetched() {
    String url = "http://127.0.0.1:" + internal.getAddress().getPort() + "/latest/meta-data";
    IllegalArgumentException e =
        refused("{'type':'object','properties':{'q':{'$ref':'" + url + "'}}}");
    assertTrue(
        e.getMessage().contains("peer.lookup") && e.getMessage().contains(url), e.getMessage());
    assertEquals(List.of(), fetched);
  }

  @Test
  void aMetaSchemaAtAUrlIsNeverFetched() {
    String url = "http://127.0.0.1:" + internal.getAddress().getPort() + "/meta";
    refused("{'$schema':'" + url + "','type':'object'}");
    assertEquals(List.of(), fetched);
  }

  @Test
  void aReferenceToALocalFileIsNeverRead(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("secret.json"), "{\"type\":\"string\"}");
    refused("{'type':'object','properties':{'q':{'$ref':'" + file.toUri() + "'}}}");
  }

  @Test
  void theStandardMetaSchemasOfEarlierDraftsStillWork() {
    for (String draft :
        List.of(
            "http://json-schema.org/draft-07/schema#",
            "http://json-schema.org/draft-04/schema#",
            "https://json-schema.org/draft/2019-09/schema")) {
      ToolRegistry registry =
          ToolRegistry.builder()
              .add(withSchema("{'$schema':'" + draft + "','type':'object','required':['q']}"))
              .build();
      assertThrows(
          ToolValidationException.class,
          () -> registry.validate(ToolCall.of("peer.lookup", json("{}"))),
          draft);
    }
  }

  @Test
  void referencesInsideTheSchemaAndTheStandardMetaSchemaStillWork() {
    ToolRegistry registry =
        ToolRegistry.builder()
            .add(
                withSchema(
                    "{'$schema':'https://json-schema.org/draft/2020-12/schema','type':'object',"
                        + "'$defs':{'word':{'type':'string','pattern':'^[a-z]+$'}},"
                        + "'properties':{'q':{'$ref':'#/$defs/word'}}}"))
            .build();
    var bad = json("{'q':'NOT A WORD'}");
    assertThrows(
        ToolValidationException.class, () -> registry.validate(ToolCall.of("peer.lookup", bad)));
    registry.validate(ToolCall.of("peer.lookup", json("{'q':'word'}")));
  }
}
