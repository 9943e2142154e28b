package dev.olympus.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanExceptionTest {
  @Test
  void everyPlanErrorAHostHandlesIsAPlanException() {
    PlanException format =
        assertThrows(PlanException.class, () -> PlanJson.readPlan("{\"schemaVersion\":1"));
    PlanException invalid =
        assertThrows(PlanException.class, () -> Plan.builder("t").step("a", s -> {}).build());

    assertInstanceOf(PlanFormatException.class, format);
    assertInstanceOf(PlanValidationException.class, invalid);
  }

  @Test
  void aValidationExceptionSurvivesSerializationWithItsProblems() throws Exception {
    PlanValidationException original =
        new PlanValidationException("t", List.of("step 'a': no capability", "empty"));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(original);
    }
    Object read;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      read = in.readObject();
    }

    PlanValidationException copy = assertInstanceOf(PlanValidationException.class, read);
    assertEquals(original.problems(), copy.problems());
    assertEquals(original.getMessage(), copy.getMessage());
  }

  @Test
  void anIllegalTransitionIsAProgrammingErrorNotAPlanException() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> StepState.DONE.moveTo(StepState.RUNNING));

    assertEquals(false, ((Object) e) instanceof PlanException);
  }
}
