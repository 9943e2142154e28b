package dev.olympus.executor;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExecutorExceptionTest {
  @Test
  void whatAHostShouldHandleIsCaughtAsOneRoot() {
    try (Olympus olympus = Olympus.builder().build()) {
      ExecutorException missing =
          assertThrows(ExecutorException.class, () -> olympus.executor().resume("missing"));
      assertInstanceOf(PlanNotFoundException.class, missing);
      ExecutorException noModel =
          assertThrows(ExecutorException.class, () -> olympus.planner().plan("tidy the notes"));
      assertInstanceOf(ModelNotConfiguredException.class, noModel);
    }
  }
}
