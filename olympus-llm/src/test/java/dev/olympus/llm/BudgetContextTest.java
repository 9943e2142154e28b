package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.plan.Money;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BudgetContextTest {
  @Test
  void theLastCallOfASetterWinsAndToBuilderKeepsEverySetting() {
    TokenMeter first = TokenMeter.of(10);
    TokenMeter second = TokenMeter.of(20);
    UsdMeter usd = UsdMeter.of(Money.usd("0.05"));

    BudgetContext context =
        BudgetContext.builder("p", "s")
            .correlationId("c")
            .planTokens(first)
            .planTokens(second)
            .stepUsd(usd)
            .build();

    assertSame(second, context.planTokens());
    assertEquals(context, context.toBuilder().build());
    assertEquals(context.hashCode(), context.toBuilder().build().hashCode());
    assertEquals("other", context.toBuilder().stepId("other").build().stepId());
    assertTrue(context.toString().contains("correlationId=c"), context.toString());
  }

  @Test
  void contextsThatDifferInAnIdOrAMeterAreNotEqual() {
    BudgetContext context = BudgetContext.builder("p", "s").correlationId("c").build();
    assertNotEquals(context, context.toBuilder().planId("q").build());
    assertNotEquals(context, context.toBuilder().stepId("t").build());
    assertNotEquals(context, context.toBuilder().correlationId("d").build());
    assertNotEquals(context, context.toBuilder().planTokens(TokenMeter.of(10)).build());
    assertNotEquals(context, context.toBuilder().stepTokens(TokenMeter.of(10)).build());
    assertNotEquals(context, context.toBuilder().planUsd(UsdMeter.unlimited()).build());
    assertNotEquals(context, context.toBuilder().stepUsd(UsdMeter.unlimited()).build());
    assertNotEquals(context, "p");
  }

  @Test
  void noneGivesEachCallerItsOwnMeters() {
    assertNotSame(BudgetContext.none().planTokens(), BudgetContext.none().planTokens());
    assertEquals(OptionalLong.empty(), BudgetContext.none().stepTokens().limit());
  }

  @Test
  void aMeterStartsWithWhatEarlierRunsUsed() {
    TokenMeter tokens = TokenMeter.of(100, 60);
    BudgetContext context = BudgetContext.builder("p", "s").planTokens(tokens).build();

    assertEquals(60, tokens.used());
    assertEquals(OptionalLong.of(40), tokens.remaining());
    assertThrows(BudgetExceededException.class, () -> context.reserve(41, Money.ZERO));
    assertThrows(IllegalArgumentException.class, () -> TokenMeter.of(100, -1));
  }

  @Test
  void aNullSettingIsRefusedByName() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> BudgetContext.builder("p", "s").planUsd(null));
    assertTrue(e.getMessage().contains("planUsd"), e.getMessage());
  }
}
