package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A request is built, not constructed: it computes what identifies its input itself. */
class ConsentRequestTest {
  private final JsonNode input = json("{'path':'notes.md','content':'hello'}");

  private ConsentRequest.Builder write() {
    return ConsentRequest.builder("fs.write", input)
        .scopes(List.of("fs.write"))
        .step("plan-1", "write")
        .summary("write 5 bytes to notes.md");
  }

  @Test
  void sizeAndDigestAreThoseOfTheInputAndDefaultsDescribeTheSideEffect() {
    ConsentRequest request = write().build();
    assertEquals(ConsentRequest.sizeOf(input), request.inputSize());
    assertEquals(ConsentRequest.digestOf(input), request.inputDigest());
    assertEquals(SideEffect.SIDE_EFFECT, request.sideEffect());
    assertEquals(Risk.describing(SideEffect.SIDE_EFFECT), request.risk());
    assertEquals(List.of(), request.resources());
  }

  @Test
  void theInputIsCopiedInAndOut() {
    ObjectNode mutable = (ObjectNode) input.deepCopy();
    ConsentRequest request =
        ConsentRequest.builder("fs.write", mutable).step("p", "s").summary("x").build();
    mutable.put("path", "elsewhere.md");
    ((ObjectNode) request.input()).put("path", "third.md");
    assertEquals("notes.md", request.input().path("path").asText());
    assertEquals(ConsentRequest.digestOf(input), request.inputDigest());
  }

  @Test
  void toBuilderRoundTripsAndTheLastCallWins() {
    ConsentRequest request = write().resources(List.of(Resource.path("notes.md"))).build();
    assertEquals(request, request.toBuilder().build());
    assertEquals(request.hashCode(), request.toBuilder().build().hashCode());
    ConsentRequest other = request.toBuilder().summary("first").summary("second").build();
    assertEquals("second", other.summary());
    assertNotEquals(request, other);
  }

  @Test
  void missingOrBadFieldsAreNamed() {
    IllegalStateException noStep =
        assertThrows(
            IllegalStateException.class,
            () -> ConsentRequest.builder("fs.write", input).summary("x").build());
    assertTrue(noStep.getMessage().contains("planId"), noStep::getMessage);
    IllegalStateException noSummary =
        assertThrows(
            IllegalStateException.class,
            () -> ConsentRequest.builder("fs.write", input).step("p", "s").build());
    assertTrue(noSummary.getMessage().contains("summary"), noSummary::getMessage);
    assertThrows(
        IllegalArgumentException.class,
        () -> write().summary("s".repeat(ConsentRequest.MAX_SUMMARY + 1)));
    assertThrows(IllegalArgumentException.class, () -> ConsentRequest.builder(" ", input));
    assertThrows(NullPointerException.class, () -> ConsentRequest.builder("fs.write", null));
  }
}
