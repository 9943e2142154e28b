package dev.olympus.llm.internal.route;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.ResponseFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RequestHashPropertiesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ChatRequest.Builder base(String system, String user, int maxTokens, int tenths) {
    return ChatRequest.builder()
        .system(system)
        .user(user)
        .maxTokens(maxTokens)
        .temperature(tenths / 10.0);
  }

  @Test
  void equalRequestsHashEquallyWhateverTheirBudgetOrJsonKeyOrder() throws Exception {
    JsonNode tool =
        MAPPER.readTree("{\"type\":\"function\",\"function\":{\"name\":\"a\",\"x\":1}}");
    JsonNode reordered =
        MAPPER.readTree("{\"function\":{\"x\":1,\"name\":\"a\"},\"type\":\"function\"}");
    qt().forAll(
            strings().allPossible().ofLengthBetween(0, 30),
            strings().allPossible().ofLengthBetween(1, 30),
            integers().between(1, 4096),
            integers().between(0, 20))
        .checkAssert(
            (system, user, max, tenths) -> {
              ChatRequest a = base(system, user, max, tenths).tool(tool).build();
              ChatRequest b =
                  base(system, user, max, tenths)
                      .tool(reordered)
                      .budget(BudgetContext.builder("p", "s").build())
                      .build();
              same(RequestHash.of(a, "m"), RequestHash.of(b, "m"));
            });
  }

  @Test
  void anyFieldChangeChangesTheHash() {
    List<UnaryOperator<ChatRequest.Builder>> changes =
        List.of(
            b -> b.user("more"),
            b -> b.system("other"),
            b -> b.maxTokens(5000),
            b -> b.temperature(1.95),
            b -> b.modelHint("other-model"),
            b -> b.cache(true),
            b -> b.responseFormat(ResponseFormat.json()),
            b -> b.tool(MAPPER.createObjectNode().put("type", "function")));
    qt().forAll(
            strings().allPossible().ofLengthBetween(0, 30),
            strings().allPossible().ofLengthBetween(1, 30),
            integers().between(1, 4096),
            integers().between(0, 19))
        .checkAssert(
            (system, user, max, tenths) -> {
              String original = RequestHash.of(base(system, user, max, tenths).build(), "m");
              if (original.equals(RequestHash.of(base(system, user, max, tenths).build(), "n"))) {
                throw new AssertionError("the model must change the hash");
              }
              for (UnaryOperator<ChatRequest.Builder> change : changes) {
                String changed =
                    RequestHash.of(change.apply(base(system, user, max, tenths)).build(), "m");
                if (original.equals(changed)) {
                  throw new AssertionError("a change kept the hash " + original);
                }
              }
            });
  }

  private static void same(String a, String b) {
    if (!a.equals(b)) {
      throw new AssertionError(a + " != " + b);
    }
  }
}
