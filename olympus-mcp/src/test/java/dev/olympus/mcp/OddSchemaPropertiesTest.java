package dev.olympus.mcp;

import static dev.olympus.mcp.ConnectionFailuresTest.ids;
import static dev.olympus.mcp.ScriptedPeer.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever input schema a server lists, one odd tool never costs the host the others: the tools the
 * connection adopts always build into a registry (a malformed pattern, {@code $id} or keyword value
 * left the tool in the list and made the registry refuse to build, losing every tool), and the
 * server's ordinary tool is always among them.
 */
class OddSchemaPropertiesTest {
  private static final List<String> ODD =
      List.of(
          "'type':5",
          "'items':'x'",
          "'minimum':'x'",
          "'allOf':{}",
          "'$id':'::bad'",
          "'$ref':'#/nowhere'",
          "'$ref':5",
          "'$schema':'urn:x'",
          "'$schema':5",
          "'$dynamicRef':'#meta'",
          "'properties':{'q':{'pattern':'('}}",
          "'propertyNames':{'pattern':'['}",
          "'patternProperties':{'(':{}}",
          "'properties':{'q':{'$ref':'#'}}",
          "'required':'a'",
          "'format':'nonsense'",
          "'multipleOf':0",
          "'oneOf':[5]");

  private final ScriptedPeer peer = ScriptedPeer.start();

  @AfterEach
  void stop() {
    peer.close();
  }

  private static ObjectNode withSchema(String first, String second) throws JsonProcessingException {
    ObjectNode odd = tool("odd");
    String schema = "{'type':'object'," + first + "," + second + "}";
    odd.set("inputSchema", ScriptedPeer.JSON.readTree(schema.replace('\'', '"')));
    return odd;
  }

  @Test
  void theAdoptedToolsAlwaysBuildIntoARegistry() {
    qt().withExamples(40)
        .forAll(arbitrary().pick(ODD), arbitrary().pick(ODD))
        .checkAssert(
            (first, second) -> {
              try {
                peer.tools(withSchema(first, second), tool("plain"));
              } catch (JsonProcessingException e) {
                throw new AssertionError(e);
              }
              try (McpConnection connection = McpConnection.http("peer", peer.url()).connect()) {
                List<String> adopted = ids(connection);
                assertTrue(adopted.contains("peer.plain"), adopted.toString());
                ToolRegistry registry = ToolRegistry.builder().add(connection.tools()).build();
                assertEquals(adopted, registry.ids());
                connection.tools().stream().map(Tool::id).forEach(registry::get);
              }
            });
  }
}
