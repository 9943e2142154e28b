package dev.olympus.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the plan reader: whatever the input (a model may write anything), it
 * either yields a valid plan that round-trips exactly, or fails with {@link PlanFormatException} or
 * {@link PlanValidationException}; never another exception. Under {@code mvn verify} the saved
 * seeds in {@code src/test/resources} run as a regular test; run with {@code JAZZER_FUZZ=1} to
 * fuzz.
 */
class PlanJsonFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void readPlanFailsOnlyWithTypedErrors(FuzzedDataProvider data) {
    String json = data.consumeRemainingAsString();
    Plan plan;
    try {
      plan = PlanJson.readPlan(json);
    } catch (PlanFormatException | PlanValidationException expected) {
      return;
    }
    assertEquals(plan, PlanJson.readPlan(PlanJson.write(plan)));
  }
}
