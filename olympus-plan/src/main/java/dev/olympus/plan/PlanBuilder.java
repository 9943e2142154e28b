package dev.olympus.plan;

import dev.olympus.plan.internal.Checks;
import dev.olympus.plan.internal.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Fluent builder for a {@link Plan}. {@link #build()} validates the whole plan and reports every
 * problem at once. Validation takes time linear in the plan's size; a plan may have at most {@link
 * #DEFAULT_MAX_STEPS} steps unless {@link #maxSteps(int)} says otherwise.
 *
 * <pre>{@code
 * Plan plan = Plan.builder("notes from report")
 *     .budget(Budget.ofTokens(20_000).andUsd("0.05"))
 *     .step("read", s -> s.uses("fs.read").with("path", "docs/report.txt"))
 *     .step("summarize", s -> s.uses("llm.generate").after("read")
 *         .with("prompt", "Summarize:\n${read.content}")
 *         .guard(g -> g.retries(2).deadline(Duration.ofSeconds(60))))
 *     .build();
 * }</pre>
 *
 * <p>Not thread-safe; a builder may build several plans (each gets a fresh id unless one was set).
 */
public final class PlanBuilder {
  /** How many steps a plan may have unless {@link #maxSteps(int)} sets another limit. */
  public static final int DEFAULT_MAX_STEPS = 10_000;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private final String title;
  private String id;
  private Budget budget = Budget.unlimited();
  private Optional<Duration> deadline = Optional.empty();
  private int maxSteps = DEFAULT_MAX_STEPS;
  private final List<StepBuilder> steps = new ArrayList<>();

  PlanBuilder(String title) {
    this.title = Checks.notBlank(title, "title");
  }

  /**
   * Sets the plan id (by default a random UUID).
   *
   * @throws NullPointerException if {@code id} is null
   * @throws IllegalArgumentException if it is not 1-128 letters, digits, '.', '_', ':' or '-'
   */
  public PlanBuilder id(String id) {
    Checks.notNull(id, "id");
    Checks.argument(
        ID.matcher(id).matches(),
        "id '" + id + "' must be 1-128 letters, digits, '.', '_', ':' or '-'");
    this.id = id;
    return this;
  }

  /**
   * Sets the plan budget (unlimited by default).
   *
   * @throws NullPointerException if {@code budget} is null
   */
  public PlanBuilder budget(Budget budget) {
    this.budget = Checks.notNull(budget, "budget");
    return this;
  }

  /**
   * Sets a deadline for the whole plan, counted from the start of its run.
   *
   * @throws NullPointerException if {@code deadline} is null
   * @throws IllegalArgumentException if it is not positive
   */
  public PlanBuilder deadline(Duration deadline) {
    Checks.notNull(deadline, "deadline");
    Checks.argument(
        !deadline.isNegative() && !deadline.isZero(), "deadline must be positive: " + deadline);
    this.deadline = Optional.of(deadline);
    return this;
  }

  /**
   * Sets how many steps the plan may have (by default {@link #DEFAULT_MAX_STEPS}); {@link #build()}
   * refuses a plan with more before checking anything else.
   *
   * @throws IllegalArgumentException if {@code maxSteps} is not positive
   */
  public PlanBuilder maxSteps(int maxSteps) {
    this.maxSteps = (int) Checks.positive(maxSteps, "maxSteps");
    return this;
  }

  /**
   * Adds a step named {@code name}, configured by {@code configure}.
   *
   * @throws NullPointerException if an argument is null
   */
  public PlanBuilder step(String name, Consumer<StepBuilder> configure) {
    StepBuilder step = new StepBuilder(Checks.notNull(name, "name"));
    Checks.notNull(configure, "configure").accept(step);
    steps.add(step);
    return this;
  }

  /**
   * Validates and builds the plan.
   *
   * @throws PlanValidationException listing every problem: more steps than {@link #maxSteps(int)}
   *     allows (reported alone), empty plan, bad or duplicate names, missing capabilities, bad
   *     guard values, unknown or self dependencies, cycles (with their path), malformed references
   *     or references to steps that are not ancestors, step budgets larger than the plan budget
   */
  public Plan build() {
    if (steps.size() > maxSteps) {
      throw new PlanValidationException(
          title, List.of(Limits.tooManySteps(steps.size(), maxSteps)));
    }
    List<String> problems = new ArrayList<>();
    List<Step> built = new ArrayList<>();
    for (StepBuilder step : steps) {
      Step s = step.build(problems);
      if (s != null) {
        built.add(s);
      }
    }
    PlanChecks.check(steps, built, budget, problems);
    if (!problems.isEmpty()) {
      throw new PlanValidationException(title, problems);
    }
    String planId = id != null ? id : UUID.randomUUID().toString();
    return new Plan(planId, title, budget, deadline, built);
  }
}
