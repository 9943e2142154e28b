package dev.olympus.tools;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Consent grants never cover more than they name. */
class ConsentGrantPropertiesTest {
  private static final List<String> NAMES =
      List.of("notes", "a", "b", "notes2", "..", ".", "", "x\\y", "No", "a b");
  private static final List<String> SCOPES = List.of("fs.read", "fs.write", "fs.delete");

  private static Gen<List<String>> segments(int max) {
    return lists()
        .of(integers().between(0, NAMES.size() - 1).map(NAMES::get))
        .ofSizeBetween(0, max);
  }

  private static ConsentRequest request(String scope, String path) {
    return TestSupport.request(
        "fs.write",
        scope,
        SideEffect.IDEMPOTENT,
        "write",
        path.isBlank() ? List.of() : List.of(Resource.path(path)));
  }

  private static boolean clean(List<String> segments) {
    return !segments.isEmpty()
        && segments.stream()
            .noneMatch(s -> s.isEmpty() || s.equals(".") || s.equals("..") || s.contains("\\"));
  }

  @Test
  void pathGrantCoversExactlyTheCleanPathsUnderItsPrefix() {
    qt().forAll(segments(3), segments(5), integers().between(0, 2), integers().between(0, 2))
        .checkAssert(
            (prefix, path, grantScope, callScope) -> {
              if (!clean(prefix)) {
                return;
              }
              ConsentGrants.Grant grant =
                  ConsentGrants.Grant.within(
                      SCOPES.get(grantScope), Resource.path(String.join("/", prefix)));
              boolean covered =
                  grant.covers(request(SCOPES.get(callScope), String.join("/", path)));
              boolean expected =
                  grantScope.equals(callScope)
                      && clean(path)
                      && path.size() >= prefix.size()
                      && path.subList(0, prefix.size()).equals(prefix);
              if (covered != expected) {
                throw new AssertionError(
                    "grant " + grant + " covers " + path + " scope " + callScope + ": " + covered);
              }
            });
  }

  @Test
  void hostGrantCoversOnlyItsHostAndScope() {
    List<String> hosts = List.of("example.com", "EXAMPLE.com", "evil.example.com", "example.co");
    qt().forAll(integers().between(0, 3), integers().between(0, 3), integers().between(0, 2))
        .checkAssert(
            (granted, called, scope) -> {
              ConsentGrants.Grant grant =
                  ConsentGrants.Grant.within("net.get", Resource.host(hosts.get(granted)));
              ConsentRequest request =
                  TestSupport.request(
                      "net.http.get",
                      scope == 0 ? "net.get" : "net.post",
                      SideEffect.READ_ONLY,
                      "GET",
                      List.of(Resource.host(hosts.get(called))));
              boolean expected =
                  scope == 0 && hosts.get(granted).equalsIgnoreCase(hosts.get(called));
              if (grant.covers(request) != expected) {
                throw new AssertionError(grant + " vs " + request);
              }
            });
  }
}
