package dev.olympus.plan;

import dev.olympus.plan.internal.Checks;
import dev.olympus.plan.internal.Names;
import java.util.Set;
import java.util.TreeSet;

/**
 * The capability a step uses: a tool id such as {@code fs.read} and the consent scopes the plan
 * author expects it to need. The tool's own declaration is authoritative at run time; scopes here
 * let a host review a plan before running it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the capability (tool id): letters, digits, {@code _}, {@code -}, dot-separated
 * @param scopes the consent scopes, sorted; may be empty
 */
public record CapabilityRef(String name, Set<String> scopes) {
  /**
   * Checks the name and copies the scopes.
   *
   * @throws NullPointerException if an argument or a scope is null
   * @throws IllegalArgumentException if the name or a scope is not a dotted identifier
   */
  public CapabilityRef {
    Names.checkCapability(name, "capability name");
    Checks.noNulls(scopes, "scopes");
    scopes.forEach(s -> Names.checkCapability(s, "scope"));
    scopes = java.util.Collections.unmodifiableSet(new TreeSet<>(scopes));
  }

  /**
   * A capability with the given scopes.
   *
   * @throws IllegalArgumentException if the name or a scope is malformed
   */
  public static CapabilityRef of(String name, String... scopes) {
    return new CapabilityRef(name, Set.of(scopes));
  }

  @Override
  public String toString() {
    return scopes.isEmpty() ? name : name + scopes;
  }
}
