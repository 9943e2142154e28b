package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.olympus.plan.ToolCall;
import org.junit.jupiter.api.Test;

/**
 * A recursive schema (a tree, here {@code {"a": <the same schema>}}) and an input nested as deep as
 * Jackson parses by default (1,000 levels): validation recurses once per level, on the caller's
 * thread, so a deep input is refused as invalid, never a {@link StackOverflowError} thrown at the
 * caller (an executor's or the MCP server's thread).
 */
class SchemaDepthTest {
  private static final ToolRegistry TREE =
      ToolRegistry.builder()
          .add(
              Tool.builder("peer.tree")
                  .description("d")
                  .inputSchema(json("{'type':'object','properties':{'a':{'$ref':'#'}}}"))
                  .handler((in, ctx) -> in))
          .build();

  private static ToolCall nested(int depth) throws JsonProcessingException {
    String text = "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    return ToolCall.of("peer.tree", TestSupport.MAPPER.readTree(text));
  }

  @Test
  void anInputNestedAsDeepAsJacksonAllowsIsRefusedAsInvalid() throws JsonProcessingException {
    ToolCall deep = nested(1000);
    ToolValidationException e =
        assertThrows(ToolValidationException.class, () -> TREE.validate(deep));
    assertTrue(e.problems().toString().contains("deeper than"), e.problems().toString());
    ConsentGate gate =
        ConsentGate.builder().provider(request -> ConsentDecision.allowOnce()).build();
    assertThrows(
        ToolValidationException.class,
        () -> gate.authorize(TREE.get("peer.tree"), deep, TestSupport.context()));
  }

  @Test
  void anInputAtTheDepthLimitIsCheckedAndOneLevelMoreIsNot() throws JsonProcessingException {
    TREE.validate(nested(128));
    assertThrows(ToolValidationException.class, () -> TREE.validate(nested(129)));
  }
}
