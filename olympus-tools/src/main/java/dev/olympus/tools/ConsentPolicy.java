package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNull;

import dev.olympus.tools.internal.GrantsJson;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The standing consent grants a user gave with {@link ConsentDecision.AllowAlways}: revocable and
 * persistable as JSON. Thread-safe.
 *
 * <pre>{@code
 * ConsentPolicy policy = ConsentPolicy.fromJson(Files.readString(grantsFile));
 * policy.grant(ConsentGrant.within("fs.write", Resource.path("notes")));
 * Files.writeString(grantsFile, policy.toJson());
 * }</pre>
 *
 * <p>The JSON form is {@code {"version":1,"grants":[{"scope":"fs.write","path":"notes"},
 * {"scope":"net.get","host":"example.com"},{"scope":"fs.read"}]}}.
 */
public final class ConsentPolicy {
  private final CopyOnWriteArrayList<ConsentGrant> grants = new CopyOnWriteArrayList<>();

  private ConsentPolicy(Collection<ConsentGrant> grants) {
    this.grants.addAll(grants);
  }

  /** Returns a policy with no grants. */
  public static ConsentPolicy empty() {
    return new ConsentPolicy(List.of());
  }

  /**
   * Reads a policy written by {@link #toJson()}.
   *
   * @throws NullPointerException if {@code json} is null
   * @throws IllegalArgumentException if {@code json} is not a policy, naming what is wrong
   */
  public static ConsentPolicy fromJson(String json) {
    return new ConsentPolicy(GrantsJson.read(notNull(json, "json")));
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
  public void grant(ConsentGrant grant) {
    grants.addIfAbsent(notNull(grant, "grant"));
  }

  /**
   * Removes {@code grant}.
   *
   * @return whether it was held
   * @throws NullPointerException if {@code grant} is null
   */
  public boolean revoke(ConsentGrant grant) {
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
  public List<ConsentGrant> grants() {
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
    List<ConsentGrant> held = grants();
    return request.scopes().stream()
        .allMatch(
            scope ->
                held.stream()
                    .anyMatch(grant -> grant.scope().equals(scope) && grant.covers(request)));
  }
}
