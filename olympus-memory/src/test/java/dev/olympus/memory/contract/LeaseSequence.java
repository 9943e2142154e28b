package dev.olympus.memory.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.Lease;
import dev.olympus.memory.Leases;
import dev.olympus.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs a random sequence of claims, releases, renewals and clock moves against {@link Leases} and a
 * plain model of them, checking after every operation that the store agrees with the model, that at
 * most one owner holds a live lease handed out on a resource, and that tokens strictly increase. A
 * lease stops being held when its owner claims the resource again or releases it.
 */
final class LeaseSequence {
  /** How many distinct operations an int in [0, KINDS) encodes. */
  static final int KINDS = 4 * 2 * 3 * 4;

  /** The model's row of a resource; {@code owner} is null once released. */
  private record Row(String owner, long token, Instant expiresAt) {}

  private final Leases leases;
  private final SettableClock clock;
  private final List<String> resources;
  private final List<String> owners;
  private final Map<String, Row> rows = new HashMap<>();
  private final List<Lease> handedOut = new ArrayList<>();

  LeaseSequence(Leases leases, SettableClock clock, int run) {
    this.leases = leases;
    this.clock = clock;
    this.resources = List.of("run" + run + "/r0", "run" + run + "/r1");
    this.owners = List.of("run" + run + "/a", "run" + run + "/b", "run" + run + "/c");
  }

  void apply(List<Integer> ops) {
    for (int op : ops) {
      String resource = resources.get(op / 4 % 2);
      String owner = owners.get(op / 8 % 3);
      Duration amount = Duration.ofSeconds(10L * (op / 24 % 4 + 1));
      switch (op % 4) {
        case 0 -> claim(resource, owner, amount);
        case 1 -> release(resource, owner);
        case 2 -> renew(owner, amount);
        default -> clock.advance(amount.minusSeconds(3));
      }
      check();
    }
  }

  private void claim(String resource, String owner, Duration ttl) {
    Row row = rows.get(resource);
    boolean free =
        row == null
            || row.owner() == null
            || !row.expiresAt().isAfter(clock.instant())
            || row.owner().equals(owner);
    Optional<Lease> claimed = leases.claim(resource, owner, ttl);
    assertEquals(free, claimed.isPresent(), "claim of " + resource + " by " + owner + ": " + row);
    if (claimed.isPresent()) {
      long previous = row == null ? 0 : row.token();
      assertEquals(
          new Lease(resource, owner, previous + 1, clock.instant().plus(ttl)), claimed.get());
      rows.put(resource, new Row(owner, previous + 1, claimed.get().expiresAt()));
      handedOut.removeIf(l -> l.resource().equals(resource) && l.owner().equals(owner));
      handedOut.add(claimed.get());
    }
  }

  private void release(String resource, String owner) {
    Optional<Lease> latest =
        handedOut.stream()
            .filter(l -> l.resource().equals(resource) && l.owner().equals(owner))
            .reduce((first, second) -> second);
    if (latest.isEmpty()) {
      return;
    }
    Row row = rows.get(resource);
    boolean current = owner.equals(row.owner()) && row.token() == latest.get().token();
    assertEquals(current, leases.release(latest.get()), "release of " + latest.get());
    if (current) {
      rows.put(resource, new Row(null, row.token(), null));
      handedOut.removeIf(l -> l.resource().equals(resource) && l.token() <= row.token());
    }
  }

  private void renew(String owner, Duration ttl) {
    Instant extended = clock.instant().plus(ttl);
    Map<String, Lease> expected = new HashMap<>();
    rows.forEach(
        (resource, row) -> {
          if (owner.equals(row.owner())) {
            Instant expires = row.expiresAt().isAfter(extended) ? row.expiresAt() : extended;
            expected.put(resource, new Lease(resource, owner, row.token(), expires));
            rows.put(resource, new Row(owner, row.token(), expires));
          }
        });
    Map<String, Lease> renewed = leases.renew(owner, ttl);
    assertEquals(expected, renewed, "renewal by " + owner);
    handedOut.addAll(renewed.values());
  }

  private void check() {
    Instant now = clock.instant();
    for (String resource : resources) {
      Row row = rows.get(resource);
      Optional<Lease> live =
          row == null || row.owner() == null || !row.expiresAt().isAfter(now)
              ? Optional.empty()
              : Optional.of(new Lease(resource, row.owner(), row.token(), row.expiresAt()));
      assertEquals(live, leases.holder(resource), "holder of " + resource);
      List<Lease> onResource =
          handedOut.stream().filter(l -> l.resource().equals(resource)).toList();
      assertTrue(
          onResource.stream()
                  .filter(l -> l.expiresAt().isAfter(now))
                  .map(Lease::owner)
                  .collect(Collectors.toSet())
                  .size()
              <= 1,
          "more than one live owner of " + resource + ": " + onResource);
    }
  }
}
