package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNull;

import dev.olympus.tools.internal.ResourceMatch;
import java.util.Optional;

/**
 * A standing permission for one consent scope, optionally limited to a path prefix or a host.
 * Immutable.
 *
 * <p>A grant covers a call only for exactly its scope (a grant for {@code fs.read} never covers
 * {@code fs.write}). A limited grant covers a call only if the call names at least one resource and
 * every resource is inside the limit: a path is inside a prefix when its leading segments equal the
 * prefix's ({@code notes} covers {@code notes/a.md} but not {@code notes2/a.md}, {@code notes/../x}
 * or anything with a {@code .}, {@code ..} or empty segment); a host must be equal, ignoring case.
 *
 * @param scope the scope granted, e.g. {@code fs.write}
 * @param within the path prefix (relative, clean, {@code /}-separated) or host, if limited
 */
public record ConsentGrant(String scope, Optional<Resource> within) {
  /**
   * Checks the fields; a path prefix loses any trailing {@code /}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code scope} is malformed or a path prefix is not a clean
   *     relative path
   */
  public ConsentGrant {
    ResourceMatch.checkScope(scope);
    within = notNull(within, "within").map(ResourceMatch::cleanLimit);
  }

  /**
   * Returns an unlimited grant of {@code scope}.
   *
   * @throws NullPointerException if {@code scope} is null
   * @throws IllegalArgumentException if {@code scope} is malformed
   */
  public static ConsentGrant of(String scope) {
    return new ConsentGrant(scope, Optional.empty());
  }

  /**
   * Returns a grant of {@code scope} limited to {@code within}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code scope} is malformed or {@code within} is a path that
   *     is not a clean relative path
   */
  public static ConsentGrant within(String scope, Resource within) {
    return new ConsentGrant(scope, Optional.of(notNull(within, "within")));
  }

  /** Returns whether this grant covers {@code request}'s need for {@link #scope()}. */
  public boolean covers(ConsentRequest request) {
    notNull(request, "request");
    if (!request.scopes().contains(scope)) {
      return false;
    }
    return within.isEmpty() || ResourceMatch.allInside(request.resources(), within.get());
  }
}
