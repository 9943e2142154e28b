package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.olympus.plan.ToolCall;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A schema's {@code pattern} may come from an untrusted MCP server, and the input it is matched
 * against from a model: validation runs on the caller's thread, outside any tool timeout, so a
 * pattern that backtracks catastrophically (here about n^12 steps), or recurses once per character,
 * must end as a validation problem instead of hanging the caller or throwing a {@link
 * StackOverflowError} at it. The class timeout only guards against a hang; the assertions are about
 * what comes out.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SchemaPatternCostTest {
  private static ToolRegistry withPattern(String pattern) {
    return ToolRegistry.builder()
        .add(
            Tool.builder("peer.lookup")
                .description("d")
                .inputSchema(
                    json(
                        "{'type':'object','properties':{'q':{'type':'string','pattern':'"
                            + pattern
                            + "'}}}"))
                .handler((in, ctx) -> in))
        .build();
  }

  private static ToolCall lookup(String q) {
    return ToolCall.of("peer.lookup", JsonNodeFactory.instance.objectNode().put("q", q));
  }

  private static void refusedAsTooCostly(String pattern, String q) {
    ToolValidationException e =
        assertThrows(ToolValidationException.class, () -> withPattern(pattern).validate(lookup(q)));
    assertTrue(e.problems().toString().contains("too costly"), e.problems().toString());
  }

  @Test
  void aCatastrophicallyBacktrackingPatternIsRefusedNotWaitedFor() {
    refusedAsTooCostly("^(.*a){12}$", "a".repeat(40) + "!");
  }

  @Test
  void aPatternThatRecursesPerCharacterIsRefusedNotAStackOverflow() {
    refusedAsTooCostly("^(a|b)*$", "ab".repeat(50_000));
  }

  @Test
  void anOrdinaryPatternStillDecides() {
    ToolRegistry registry = withPattern("^[a-z]+$");
    registry.validate(lookup("x".repeat(200_000)));
    assertThrows(ToolValidationException.class, () -> registry.validate(lookup("Not a word")));
  }
}
