package dev.olympus.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancellationTest {
  @Test
  void cancelRunsEachCallbackOnceAndLaterCallsDoNothing() {
    Cancellation cancellation = new Cancellation();
    List<String> ran = new ArrayList<>();
    cancellation.onCancel(() -> ran.add("a"));
    cancellation.onCancel(() -> ran.add("b"));

    cancellation.cancel();
    cancellation.cancel();

    assertTrue(cancellation.isCancelled());
    assertEquals(List.of("a", "b"), ran);
  }

  @Test
  void aCallbackRegisteredAfterCancelRunsAtOnce() {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel();
    List<String> ran = new ArrayList<>();

    cancellation.onCancel(() -> ran.add("late"));

    assertEquals(List.of("late"), ran);
  }

  @Test
  void aClosedSubscriptionDoesNotRun() {
    Cancellation cancellation = new Cancellation();
    List<String> ran = new ArrayList<>();
    cancellation.onCancel(() -> ran.add("removed")).close();

    cancellation.cancel();

    assertEquals(List.of(), ran);
  }

  @Test
  void aThrowingCallbackDoesNotStopTheOthersAndTheFirstFailureIsRethrown() {
    Cancellation cancellation = new Cancellation();
    IllegalStateException first = new IllegalStateException("first");
    IllegalArgumentException second = new IllegalArgumentException("second");
    List<String> ran = new ArrayList<>();
    cancellation.onCancel(
        () -> {
          throw first;
        });
    cancellation.onCancel(() -> ran.add("after the first"));
    cancellation.onCancel(
        () -> {
          throw second;
        });

    IllegalStateException thrown = assertThrows(IllegalStateException.class, cancellation::cancel);

    assertSame(first, thrown);
    assertArrayEquals(new Throwable[] {second}, thrown.getSuppressed());
    assertEquals(List.of("after the first"), ran);
    assertTrue(cancellation.isCancelled());
  }

  @Test
  void aNewSignalIsNotCancelled() {
    assertFalse(new Cancellation().isCancelled());
  }

  @Test
  void aNullCallbackIsRefused() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> new Cancellation().onCancel(null));
    assertTrue(e.getMessage().contains("callback"), e.getMessage());
  }
}
