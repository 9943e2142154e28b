package dev.olympus.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ToolCallTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theInputIsCopiedInAndOut() {
    ObjectNode input = JSON.createObjectNode().put("path", "notes.md");
    ToolCall call = new ToolCall("call_0", "fs.read", input);

    input.put("path", "changed.md");
    ((ObjectNode) call.input()).put("path", "changed too.md");

    assertEquals("notes.md", call.input().path("path").asText());
  }

  @Test
  void aCallMadeWithOfHasNoId() {
    ToolCall call = ToolCall.of("fs.read", JSON.createObjectNode());

    assertEquals("", call.id());
    assertEquals("fs.read", call.toolId());
  }

  @Test
  void aBlankToolIdOrAMissingFieldIsRefusedByName() {
    IllegalArgumentException blank =
        assertThrows(
            IllegalArgumentException.class, () -> ToolCall.of(" ", JSON.createObjectNode()));
    NullPointerException noInput =
        assertThrows(NullPointerException.class, () -> ToolCall.of("fs.read", null));
    NullPointerException noId =
        assertThrows(
            NullPointerException.class,
            () -> new ToolCall(null, "fs.read", JSON.createObjectNode()));

    assertTrue(blank.getMessage().contains("toolId"), blank.getMessage());
    assertTrue(noInput.getMessage().contains("input"), noInput.getMessage());
    assertTrue(noId.getMessage().contains("id"), noId.getMessage());
  }
}
