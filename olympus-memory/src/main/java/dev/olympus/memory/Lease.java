package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import java.time.Instant;

/**
 * A claim on a named resource (a plan, a chat session) held by one owner until {@code expiresAt}.
 * Every successful {@link Leases#claim claim} of a resource gives it a larger {@code token}, so a
 * write fenced with an older lease ({@link CheckpointStore#update(Lease, String,
 * dev.olympus.plan.PlanState, java.util.Map, java.util.List, Instant)}, {@link
 * EventLog#appendAll(Lease, java.util.List)}) is refused after someone else claimed the resource,
 * even if the old owner has not noticed yet.
 *
 * @param resource what is claimed, e.g. {@code "plan/" + planId}
 * @param owner who holds it (an executor instance's owner id)
 * @param token the fencing token of this claim; grows by one on every claim of the resource
 * @param expiresAt when the claim lapses unless renewed (the store's clock)
 */
public record Lease(String resource, String owner, long token, Instant expiresAt) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code resource} or {@code owner} is blank or {@code token}
   *     is not positive
   */
  public Lease {
    Checks.notBlank(resource, "resource");
    Checks.notBlank(owner, "owner");
    Checks.positive(token, "token");
    Checks.notNull(expiresAt, "expiresAt");
  }
}
