package dev.olympus.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A question held by the workflow is an immutable value that refuses missing parts by name. */
class ConsentQuestionTest {
  private static ObjectNode input() {
    return JsonNodeFactory.instance.objectNode().put("line", "asked");
  }

  @Test
  void neitherTheCallersInputAndScopesNorTheReturnedInputChangeTheQuestion() {
    ObjectNode input = input();
    List<String> scopes = new ArrayList<>(List.of("test.write"));
    ConsentQuestion question =
        new ConsentQuestion("p", "s", "test.append", "appends", scopes, input, "digest");

    input.put("line", "changed");
    scopes.add("test.delete");
    ((ObjectNode) question.input()).put("line", "changed too");

    assertEquals(input(), question.input());
    assertEquals(List.of("test.write"), question.scopes());
    assertThrows(UnsupportedOperationException.class, () -> question.scopes().add("x"));
  }

  @Test
  void aMissingPartIsRefusedNamingIt() {
    ObjectNode in = input();
    List<String> sc = List.of("test.write");
    assertRefused("planId", () -> new ConsentQuestion(null, "s", "t", "u", sc, in, "d"));
    assertRefused("stepId", () -> new ConsentQuestion("p", null, "t", "u", sc, in, "d"));
    assertRefused("toolId", () -> new ConsentQuestion("p", "s", null, "u", sc, in, "d"));
    assertRefused("summary", () -> new ConsentQuestion("p", "s", "t", null, sc, in, "d"));
    assertRefused("scopes", () -> new ConsentQuestion("p", "s", "t", "u", null, in, "d"));
    List<String> withNull = Arrays.asList("test.write", null);
    assertRefused("scopes", () -> new ConsentQuestion("p", "s", "t", "u", withNull, in, "d"));
    assertRefused("input", () -> new ConsentQuestion("p", "s", "t", "u", sc, null, "d"));
    assertRefused("inputDigest", () -> new ConsentQuestion("p", "s", "t", "u", sc, in, null));
  }

  private static void assertRefused(String part, Runnable create) {
    NullPointerException refused = assertThrows(NullPointerException.class, create::run);
    assertEquals(part, refused.getMessage().split(" ")[0], refused::getMessage);
  }
}
