package dev.olympus.executor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.Money;
import dev.olympus.plan.Budget;
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

  @Test
  void aSpentStepBudgetStopsOnlyThatStep() {
    BudgetBook book = new BudgetBook();
    book.open(plan(), 0, BigDecimal.ZERO);
    assertEquals(Optional.empty(), book.exhausted("p", "a"));
    book.charge("p", "a", Money.usd("0.01"));
    assertEquals(Optional.of("step budget of $0.01 is spent"), book.exhausted("p", "a"));
    assertEquals(Optional.empty(), book.exhausted("p", "b"));
  }

  @Test
  void aSpentPlanBudgetStopsEveryStepAndSurvivesReopening() {
    BudgetBook book = new BudgetBook();
    book.open(plan(), 0, BigDecimal.ZERO);
    book.charge("p", "b", Money.usd("0.10"));
    assertTrue(book.exhausted("p", "a").orElseThrow().contains("plan budget of $0.10"));
    assertTrue(book.exhausted("p", "b").isPresent());
    book.close("p");
    book.open(plan(), 0, new BigDecimal("0.10")); // resumed: earlier charges counted
    assertTrue(book.exhausted("p", "b").isPresent());
  }
}
