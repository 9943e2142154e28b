package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A spec is built with defaults a reader can predict, and grows without breaking callers. */
class ToolSpecTest {
  @Test
  void defaultsAreAnEmptyObjectInputAnyOutputNoScopesAndTheCautiousSideEffect() {
    ToolSpec spec = ToolSpec.builder().description("does nothing").build();
    assertEquals(json("{'type':'object','properties':{}}"), spec.inputSchema());
    assertEquals(json("{}"), spec.outputSchema());
    assertEquals(List.of(), spec.scopes());
    assertEquals(SideEffect.SIDE_EFFECT, spec.sideEffect());
    assertEquals(Risk.describing(SideEffect.SIDE_EFFECT), spec.risk());
  }

  @Test
  void theLastCallWinsAndToBuilderRoundTrips() {
    ToolSpec spec =
        ToolSpec.builder()
            .description("first")
            .sideEffect(SideEffect.SIDE_EFFECT)
            .description("second")
            .sideEffect(SideEffect.READ_ONLY)
            .scopes(List.of("fs.read"))
            .build();
    assertEquals("second", spec.description());
    assertEquals(Risk.describing(SideEffect.READ_ONLY), spec.risk());
    assertEquals(spec, spec.toBuilder().build());
    assertEquals(spec.hashCode(), spec.toBuilder().build().hashCode());
  }

  @Test
  void badValuesAreNamed() {
    IllegalStateException noDescription =
        assertThrows(IllegalStateException.class, () -> ToolSpec.builder().build());
    assertTrue(noDescription.getMessage().contains("description"), noDescription::getMessage);
    IllegalArgumentException notObject =
        assertThrows(
            IllegalArgumentException.class, () -> ToolSpec.builder().inputSchema(json("[]")));
    assertTrue(notObject.getMessage().contains("inputSchema"), notObject::getMessage);
    assertThrows(
        IllegalArgumentException.class,
        () -> ToolSpec.builder().scopes(List.of("fs.read", "fs.read")));
  }
}
