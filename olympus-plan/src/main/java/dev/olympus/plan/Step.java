package dev.olympus.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.internal.Checks;
import dev.olympus.plan.internal.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One named action of a plan: the capability it uses, its inputs (JSON, possibly holding {@code
 * ${step.field}} references to ancestors' outputs), the steps it runs after, and its guard.
 *
 * <p>Immutable and thread-safe: {@link #inputs()} returns a fresh copy each time. Steps are made by
 * {@link Plan.Builder#step(String, Consumer)} and read from JSON by {@link PlanJson}.
 */
public final class Step {
  private final String name;
  private final CapabilityRef capability;
  private final ObjectNode inputs;
  private final List<String> after;
  private final Guard guard;
  private final String description;

  private Step(
      String name,
      CapabilityRef capability,
      ObjectNode inputs,
      List<String> after,
      Guard guard,
      String description) {
    String problem = Names.stepNameProblem(name);
    Checks.argument(problem == null, String.valueOf(problem));
    this.name = name;
    this.capability = Checks.notNull(capability, "capability");
    this.inputs = Checks.notNull(inputs, "inputs").deepCopy();
    Checks.noNulls(after, "after");
    Checks.argument(
        new LinkedHashSet<>(after).size() == after.size(),
        "step '" + name + "' lists a dependency twice: " + after);
    this.after = Collections.unmodifiableList(new ArrayList<>(after));
    this.guard = Checks.notNull(guard, "guard");
    this.description = Checks.notNull(description, "description");
  }

  /**
   * The step's name: unique within the plan; letters, digits, {@code _} and {@code -}, starting
   * with a letter, at most 64 characters.
   */
  public String name() {
    return name;
  }

  /** What the step uses. */
  public CapabilityRef capability() {
    return capability;
  }

  /** Returns a copy of the tool input, a JSON object; changing it does not change the step. */
  public ObjectNode inputs() {
    return inputs.deepCopy();
  }

  /** The names of the steps this one depends on, in declaration order. */
  public List<String> after() {
    return after;
  }

  /** Retries, deadline, budget and consent settings. */
  public Guard guard() {
    return guard;
  }

  /** A human-readable note; may be empty. */
  public String description() {
    return description;
  }

  /** Equal when every field is equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Step s
        && name.equals(s.name)
        && capability.equals(s.capability)
        && inputs.equals(s.inputs)
        && after.equals(s.after)
        && guard.equals(s.guard)
        && description.equals(s.description);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, capability, inputs, after, guard, description);
  }

  @Override
  public String toString() {
    return "Step[name="
        + name
        + ", capability="
        + capability
        + ", inputs="
        + inputs
        + ", after="
        + after
        + ", guard="
        + guard
        + ", description="
        + description
        + "]";
  }

  /** Returns every reference the inputs make to other steps' outputs. */
  public List<Reference> references() {
    return References.find(inputs);
  }

  /**
   * Fluent builder for one step, used inside {@link Plan.Builder#step(String, Consumer)}. Values
   * are checked when the plan is built, so every problem is reported together.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private String capability;
    private List<String> scopes = List.of();
    private final ObjectNode inputs = JsonNodeFactory.instance.objectNode();
    private final List<String> after = new ArrayList<>();
    private final Guard.Builder guard = new Guard.Builder();
    private String description = "";

    Builder(String name) {
      this.name = name;
    }

    /**
     * The capability (tool id) this step uses, and the consent scopes the author expects it to
     * need.
     *
     * @throws NullPointerException if an argument is null
     */
    public Builder uses(String capability, String... scopes) {
      this.capability = Checks.notNull(capability, "capability");
      this.scopes = List.of(Checks.notNull(scopes, "scopes"));
      return this;
    }

    /**
     * Sets input {@code key} to a string, which may contain {@code ${step.field}} references.
     *
     * @throws NullPointerException if an argument is null
     */
    public Builder with(String key, String value) {
      inputs.put(Checks.notNull(key, "key"), Checks.notNull(value, "value"));
      return this;
    }

    /**
     * Sets input {@code key} to a number.
     *
     * @throws NullPointerException if {@code key} is null
     */
    public Builder with(String key, long value) {
      // Store small numbers as ints, as a JSON parser would, so plans equal their parsed copies.
      if (value == (int) value) {
        inputs.put(Checks.notNull(key, "key"), (int) value);
      } else {
        inputs.put(Checks.notNull(key, "key"), value);
      }
      return this;
    }

    /**
     * Sets input {@code key} to a boolean.
     *
     * @throws NullPointerException if {@code key} is null
     */
    public Builder with(String key, boolean value) {
      inputs.put(Checks.notNull(key, "key"), value);
      return this;
    }

    /**
     * Sets input {@code key} to a copy of a JSON value (strings inside may hold references).
     *
     * @throws NullPointerException if an argument is null
     */
    public Builder with(String key, JsonNode value) {
      inputs.set(Checks.notNull(key, "key"), Checks.notNull(value, "value").deepCopy());
      return this;
    }

    /**
     * Replaces all inputs by a copy of {@code inputs}.
     *
     * @throws NullPointerException if {@code inputs} is null
     */
    public Builder inputs(ObjectNode inputs) {
      this.inputs.removeAll();
      this.inputs.setAll(Checks.notNull(inputs, "inputs").deepCopy());
      return this;
    }

    /**
     * Runs this step after the named steps (in addition to any named before).
     *
     * @throws NullPointerException if an argument is null
     */
    public Builder after(String... steps) {
      after.addAll(Checks.noNulls(List.of(steps), "steps"));
      return this;
    }

    /**
     * Configures the step's guard.
     *
     * @throws NullPointerException if {@code configure} is null
     */
    public Builder guard(Consumer<Guard.Builder> configure) {
      Checks.notNull(configure, "configure").accept(guard);
      return this;
    }

    /**
     * A human-readable note on what the step is for.
     *
     * @throws NullPointerException if {@code description} is null
     */
    public Builder describe(String description) {
      this.description = Checks.notNull(description, "description");
      return this;
    }

    String name() {
      return name;
    }

    List<String> after() {
      return after;
    }

    ObjectNode rawInputs() {
      return inputs;
    }

    /** Builds the step, adding any problem to {@code problems} and returning null then. */
    Step build(List<String> problems) {
      String where = "step '" + name + "': ";
      if (Names.stepNameProblem(name) != null) {
        return null; // reported by PlanChecks with the other naming problems
      }
      if (capability == null) {
        problems.add(where + "no capability; call uses(\"tool.id\")");
        return null;
      }
      try {
        return new Step(
            name,
            new CapabilityRef(capability, java.util.Set.copyOf(scopes)),
            inputs,
            after.stream().distinct().toList(),
            guard.build(),
            description);
      } catch (IllegalArgumentException e) {
        problems.add(where + e.getMessage());
        return null;
      }
    }
  }
}
