package dev.olympus.plan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The hand-written name checks accept exactly what the published patterns accept. */
class NamesTest {
  // Every character class the patterns distinguish, plus characters they must refuse.
  private static final String ALPHABET = "aZ09_-.. é$/";

  private static Gen<String> names() {
    return lists()
        .of(integers().between(0, ALPHABET.length() - 1))
        .ofSizeBetween(0, 70)
        .map(l -> l.stream().map(i -> ALPHABET.substring(i, i + 1)).collect(Collectors.joining()));
  }

  @Test
  void stepNamesAgreeWithThePattern() {
    qt().withExamples(5_000)
        .forAll(names())
        .check(name -> Names.isStepName(name) == Names.STEP.matcher(name).matches());
  }

  @Test
  void capabilitiesAgreeWithThePattern() {
    qt().withExamples(5_000)
        .forAll(names())
        .check(name -> Names.isCapability(name) == Names.CAPABILITY.matcher(name).matches());
  }

  @Test
  void examples() {
    assertTrue(Names.isCapability("fs.read"));
    assertTrue(Names.isCapability("a.-b_1.c"));
    assertFalse(Names.isCapability("fs..read"));
    assertFalse(Names.isCapability("fs.read."));
    assertFalse(Names.isCapability(".fs"));
    assertFalse(Names.isCapability("1fs"));
    assertTrue(Names.isStepName("a".repeat(64)));
    assertFalse(Names.isStepName("a".repeat(65)));
    assertEquals(null, Names.stepNameProblem("write-notes_2"));
  }
}
