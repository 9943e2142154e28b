package dev.olympus.executor.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.BudgetExceededException;
import dev.olympus.llm.BudgetHold;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Money;
import dev.olympus.plan.Plan;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetBookTest {
  private static Plan plan() {
    return Plan.builder("dollars")
        .id("p")
        .budget(Budget.ofUsd("0.10"))
        .step("a", s -> s.uses("llm.generate").guard(g -> g.budget(Budget.ofUsd("0.01"))))
        .step("b", s -> s.uses("llm.generate"))
        .build();
  }

  /** What the router does for one call: reserve the worst case, settle with the real cost. */
  private static void spend(BudgetBook book, String step, String worstCase, String actual) {
    try (BudgetHold hold = book.context("p", step).reserve(10, Money.usd(worstCase))) {
      hold.settle(8, Money.usd(actual));
    }
  }

  @Test
  void aSpentStepBudgetStopsOnlyThatStep() {
    BudgetBook book = new BudgetBook();
    book.open(plan(), 0, BigDecimal.ZERO);
    assertEquals(Optional.empty(), book.exhausted("p", "a"));
    spend(book, "a", "0.01", "0.01");
    assertEquals(Optional.of("step budget of $0.01 is spent"), book.exhausted("p", "a"));
    assertEquals(Optional.empty(), book.exhausted("p", "b"));
  }

  @Test
  void aSpentPlanBudgetStopsEveryStepAndSurvivesReopening() {
    BudgetBook book = new BudgetBook();
    book.open(plan(), 0, BigDecimal.ZERO);
    spend(book, "b", "0.10", "0.10");
    assertTrue(book.exhausted("p", "a").orElseThrow().contains("plan budget of $0.10"));
    assertTrue(book.exhausted("p", "b").isPresent());
    book.close("p");
    book.open(plan(), 0, new BigDecimal("0.10")); // resumed: earlier charges counted
    assertTrue(book.exhausted("p", "b").isPresent());
  }

  @Test
  void aResumedStepKeepsWhatItSpentBefore() {
    BudgetBook book = new BudgetBook();
    book.open(plan(), 0, new BigDecimal("0.01"));
    book.openStep("p", "a", 8, new BigDecimal("0.01")); // step a spent its $0.01 before the crash
    assertEquals(Optional.of("step budget of $0.01 is spent"), book.exhausted("p", "a"));
    assertEquals(Optional.empty(), book.exhausted("p", "b"));
    book.openStep("p", "no-such-step", 1, BigDecimal.ONE);
    assertEquals(Optional.empty(), book.exhausted("p", "b"));
  }

  @Test
  void theContextCarriesThePlansAndTheStepsDollarAllowances() {
    BudgetBook book = new BudgetBook();
    book.open(plan(), 0, new BigDecimal("0.07")); // resumed after spending $0.07
    BudgetContext a = book.context("p", "a");
    BudgetContext b = book.context("p", "b");
    assertEquals(Money.usd("0.03"), a.planUsd().remaining().orElseThrow());
    assertEquals(a.planUsd(), b.planUsd(), "one plan allowance shared by its steps");
    assertEquals(Money.usd("0.01"), a.stepUsd().limit().orElseThrow());
    assertTrue(b.stepUsd().limit().isEmpty());

    BudgetExceededException step =
        assertThrows(BudgetExceededException.class, () -> a.reserve(10, Money.usd("0.02")));
    assertEquals(BudgetExceededException.Scope.STEP_USD, step.scope());
    BudgetExceededException plan =
        assertThrows(BudgetExceededException.class, () -> b.reserve(10, Money.usd("0.04")));
    assertEquals(BudgetExceededException.Scope.PLAN_USD, plan.scope());
    assertEquals(Money.ZERO, a.planUsd().reserved());
  }
}
