package dev.olympus.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferencesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static final Map<String, JsonNode> OUTPUTS;

  static {
    try {
      OUTPUTS =
          Map.of(
              "read",
              json(
                  "{\"content\":\"hello\",\"size\":5,\"ok\":true,\"lines\":[\"a\",\"b\"],"
                      + "\"meta\":{\"type\":\"text\"},\"none\":null}"));
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Test
  void aWholeValueReferenceKeepsItsJsonType() throws Exception {
    JsonNode resolved =
        References.resolve(
            json(
                "{\"n\":\"${read.size}\",\"b\":\"${read.ok}\",\"arr\":\"${read.lines}\","
                    + "\"obj\":\"${read.meta}\",\"all\":\"${read}\",\"nul\":\"${read.none}\"}"),
            OUTPUTS);
    assertTrue(resolved.get("n").isInt());
    assertTrue(resolved.get("b").isBoolean());
    assertEquals(json("[\"a\",\"b\"]"), resolved.get("arr"));
    assertEquals(json("{\"type\":\"text\"}"), resolved.get("obj"));
    assertEquals(OUTPUTS.get("read"), resolved.get("all"));
    assertTrue(resolved.get("nul").isNull());
  }

  @Test
  void embeddedReferencesAreInterpolated() throws Exception {
    JsonNode resolved =
        References.resolve(
            json("[\"Say ${read.content} (${read.size} chars, ${read.meta}) ${read.lines.1}\"]"),
            OUTPUTS);
    assertEquals("Say hello (5 chars, {\"type\":\"text\"}) b", resolved.get(0).asText());
  }

  @Test
  void escapedReferenceStaysLiteral() throws Exception {
    assertEquals(
        "price: ${x} and hello",
        References.resolve(json("\"price: $${x} and ${read.content}\""), OUTPUTS).asText());
  }

  @Test
  void nonStringsPassThrough() throws Exception {
    JsonNode input = json("{\"a\":1,\"b\":[true,null,2.5],\"c\":{\"d\":\"plain\"}}");
    assertEquals(input, References.resolve(input, OUTPUTS));
  }

  @Test
  void missingOutputOrFieldIsATypedError() throws Exception {
    var noStep =
        assertThrows(
            ReferenceException.class, () -> References.resolve(json("\"${x.y}\""), OUTPUTS));
    assertEquals("${x.y}: step 'x' has no output", noStep.getMessage());
    var noField =
        assertThrows(
            ReferenceException.class,
            () -> References.resolve(json("\"${read.meta.size}\""), OUTPUTS));
    assertEquals(
        "${read.meta.size}: the output of step 'read' has no 'size'", noField.getMessage());
    assertThrows(
        ReferenceException.class, () -> References.resolve(json("\"${read.lines.7}\""), OUTPUTS));
  }

  @Test
  void findListsReferencesInDocumentOrder() throws Exception {
    assertEquals(
        java.util.List.of(
            new Reference("a", java.util.List.of("x")), new Reference("b", java.util.List.of())),
        References.find(json("{\"p\":[\"${a.x}\"],\"q\":{\"r\":\"and ${b}\"}}")));
  }
}
