package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNull;

import dev.olympus.tools.internal.consent.GrantsJson;
import dev.olympus.tools.internal.consent.ResourceMatch;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The mutable store of standing consent grants a user gave with {@link
 * ConsentDecision.AllowAlways}: revocable and persistable as JSON. Thread-safe.
 *
 * <pre>{@code
 * ConsentGrants grants = ConsentGrants.fromJson(Files.readString(grantsFile));
 * grants.grant(ConsentGrants.Grant.within("fs.write", Resource.path("notes")));
 * Files.writeString(grantsFile, grants.toJson());
 * }</pre>
 *
 * <p>The JSON form is {@code {"version":1,"grants":[{"scope":"fs.write","path":"notes"},
 * {"scope":"net.get","host":"example.com"},{"scope":"fs.read"}]}}.
 */
public final class ConsentGrants {
  private final CopyOnWriteArrayList<Grant> grants = new CopyOnWriteArrayList<>();

  private ConsentGrants(Collection<Grant> grants) {
    this.grants.addAll(grants);
  }

  /** Returns a store with no grants. */
  public static ConsentGrants empty() {
    return new ConsentGrants(List.of());
  }

  /**
   * Reads grants written by {@link #toJson()}.
   *
   * @throws NullPointerException if {@code json} is null
   * @throws IllegalArgumentException if {@code json} is not a grants document, naming what is wrong
   */
  public static ConsentGrants fromJson(String json) {
    return new ConsentGrants(GrantsJson.read(notNull(json, "json")));
  }

  /** Returns the grants as JSON (see the class comment for the format). */
  public String toJson() {
    return GrantsJson.write(grants);
  }

  /**
   * Adds {@code grant}; does nothing if an equal grant is held.
   *
   * @throws NullPointerException if {@code grant} is null
   */
  public void grant(Grant grant) {
    grants.addIfAbsent(notNull(grant, "grant"));
  }

  /**
   * Removes {@code grant}.
   *
   * @return whether it was held
   * @throws NullPointerException if {@code grant} is null
   */
  public boolean revoke(Grant grant) {
    return grants.remove(notNull(grant, "grant"));
  }

  /**
   * Removes every grant of {@code scope}, limited or not.
   *
   * @return whether any was held
   * @throws NullPointerException if {@code scope} is null
   */
  public boolean revokeScope(String scope) {
    notNull(scope, "scope");
    return grants.removeIf(grant -> grant.scope().equals(scope));
  }

  /** Returns the grants held now, in the order they were given. */
  public List<Grant> grants() {
    return List.copyOf(grants);
  }

  /**
   * Returns whether every scope {@code request} needs is covered by some grant (true for a request
   * that needs no scopes).
   *
   * @throws NullPointerException if {@code request} is null
   */
  public boolean covers(ConsentRequest request) {
    notNull(request, "request");
    List<Grant> held = grants();
    return request.scopes().stream()
        .allMatch(
            scope ->
                held.stream()
                    .anyMatch(grant -> grant.scope().equals(scope) && grant.covers(request)));
  }

  /**
   * A standing permission for one consent scope, optionally limited to a path prefix or a host.
   * Immutable.
   *
   * <p>A grant covers a call only for exactly its scope (a grant for {@code fs.read} never covers
   * {@code fs.write}). A limited grant covers a call only if the call names at least one resource
   * and every resource is inside the limit: a path is inside a prefix when its leading segments
   * equal the prefix's ({@code notes} covers {@code notes/a.md} but not {@code notes2/a.md}, {@code
   * notes/../x} or anything with a {@code .}, {@code ..} or empty segment); a host must be equal,
   * ignoring case.
   *
   * @param scope the scope granted, e.g. {@code fs.write}
   * @param within the path prefix (relative, clean, {@code /}-separated) or host, if limited
   */
  public record Grant(String scope, Optional<Resource> within) {
    /**
     * Checks the fields; a path prefix loses any trailing {@code /}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code scope} is malformed or a path prefix is not a
     *     clean relative path
     */
    public Grant {
      ResourceMatch.checkScope(scope);
      within = notNull(within, "within").map(ResourceMatch::cleanLimit);
    }

    /**
     * Returns an unlimited grant of {@code scope}.
     *
     * @throws NullPointerException if {@code scope} is null
     * @throws IllegalArgumentException if {@code scope} is malformed
     */
    public static Grant of(String scope) {
      return new Grant(scope, Optional.empty());
    }

    /**
     * Returns a grant of {@code scope} limited to {@code within}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code scope} is malformed or {@code within} is a path
     *     that is not a clean relative path
     */
    public static Grant within(String scope, Resource within) {
      return new Grant(scope, Optional.of(notNull(within, "within")));
    }

    /**
     * Returns whether this grant covers {@code request}'s need for {@link #scope()}.
     *
     * @throws NullPointerException if {@code request} is null
     */
    public boolean covers(ConsentRequest request) {
      notNull(request, "request");
      if (!request.scopes().contains(scope)) {
        return false;
      }
      return within.isEmpty() || ResourceMatch.allInside(request.resources(), within.get());
    }
  }
}
