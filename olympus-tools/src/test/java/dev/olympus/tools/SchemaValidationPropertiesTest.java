package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static dev.olympus.tools.TestSupport.json;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.ToolCall;
import org.junit.jupiter.api.Test;

/** Schema validation accepts exactly what the schema allows. */
class SchemaValidationPropertiesTest {
  private static final ToolRegistry REGISTRY =
      ToolRegistry.builder()
          .add(
              Tool.builder("test.range")
                  .description("d")
                  .inputSchema(
                      json(
                          "{'type':'object','required':['n'],'additionalProperties':false,"
                              + "'properties':{'n':{'type':'integer','minimum':0,'maximum':100},"
                              + "'tag':{'type':'string','maxLength':5,'pattern':'^[a-z]*$'}}}"))
                  .handler((in, ctx) -> in))
          .build();

  private static boolean valid(ObjectNode input) {
    try {
      REGISTRY.validate(ToolCall.of("test.range", input));
      return true;
    } catch (ToolValidationException e) {
      if (e.problems().isEmpty()) {
        throw new AssertionError("a validation error must list its problems");
      }
      return false;
    }
  }

  @Test
  void integersAcceptedExactlyInRange() {
    qt().forAll(integers().between(-1000, 1000))
        .checkAssert(
            n -> {
              boolean expected = n >= 0 && n <= 100;
              ObjectNode input = JsonNodeFactory.instance.objectNode().put("n", n);
              if (valid(input) != expected) {
                throw new AssertionError("n=" + n);
              }
            });
  }

  @Test
  void stringsAcceptedExactlyWhenShortAndLowerCase() {
    qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 8))
        .checkAssert(
            tag -> {
              boolean expected = tag.length() <= 5 && tag.matches("[a-z]*");
              ObjectNode input = JsonNodeFactory.instance.objectNode().put("n", 1).put("tag", tag);
              if (valid(input) != expected) {
                throw new AssertionError("tag=" + tag);
              }
            });
  }

  @Test
  void wrongTypesAndExtraPropertiesAreRejected() {
    qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(1, 6))
        .checkAssert(
            text -> {
              if (valid(JsonNodeFactory.instance.objectNode().put("n", text))) {
                throw new AssertionError("string accepted as integer: " + text);
              }
              ObjectNode extra = JsonNodeFactory.instance.objectNode().put("n", 1);
              extra.put(text.equals("tag") ? "x" : text, 1);
              if (!text.equals("n") && valid(extra)) {
                throw new AssertionError("extra property accepted: " + text);
              }
            });
    REGISTRY.invoke(ToolCall.of("test.range", json("{'n':5}")), context());
  }
}
