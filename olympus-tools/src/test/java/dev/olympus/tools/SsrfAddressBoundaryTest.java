package dev.olympus.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.olympus.tools.internal.http.SsrfGuard;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The first and last address of every refused range, and the public neighbour on each side. Public
 * addresses cannot be fetched from a test without sending traffic to them, so this one test reads
 * the guard's verdict directly (the reasons are what the user sees in the refusal).
 */
class SsrfAddressBoundaryTest {
  private static String refusal(String address, boolean allowLoopback) {
    try {
      return SsrfGuard.addressRefusal(InetAddress.getByName(address), allowLoopback);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(address, e);
    }
  }

  private static void assertRefusals(Map<String, String> expected) {
    expected.forEach((address, reason) -> assertEquals(reason, refusal(address, false), address));
  }

  private static void assertPublic(String... addresses) {
    for (String address : addresses) {
      assertNull(refusal(address, false), address);
      assertNull(refusal(address, true), address);
    }
  }

  @Test
  void ipv4RangesEndExactlyWhereTheyShould() {
    assertRefusals(
        Map.ofEntries(
            Map.entry("127.0.0.0", "a loopback address"),
            Map.entry("127.255.255.255", "a loopback address"),
            Map.entry("169.254.0.0", "a link-local address (cloud metadata)"),
            Map.entry("169.254.255.255", "a link-local address (cloud metadata)"),
            Map.entry("10.0.0.0", "a private address"),
            Map.entry("10.255.255.255", "a private address"),
            Map.entry("172.16.0.0", "a private address"),
            Map.entry("172.31.255.255", "a private address"),
            Map.entry("192.168.0.0", "a private address"),
            Map.entry("192.168.255.255", "a private address"),
            Map.entry("100.64.0.0", "a carrier-grade NAT address"),
            Map.entry("100.127.255.255", "a carrier-grade NAT address"),
            Map.entry("224.0.0.0", "a multicast address"),
            Map.entry("239.255.255.255", "a multicast address"),
            Map.entry("240.0.0.0", "a reserved or broadcast address"),
            Map.entry("255.255.255.255", "a reserved or broadcast address"),
            Map.entry("0.0.0.0", "a reserved, documentation or benchmarking address"),
            Map.entry("0.255.255.255", "a reserved, documentation or benchmarking address"),
            Map.entry("192.0.0.255", "a reserved, documentation or benchmarking address"),
            Map.entry("192.0.2.0", "a reserved, documentation or benchmarking address"),
            Map.entry("198.18.0.0", "a reserved, documentation or benchmarking address"),
            Map.entry("198.19.255.255", "a reserved, documentation or benchmarking address"),
            Map.entry("198.51.100.7", "a reserved, documentation or benchmarking address"),
            Map.entry("203.0.113.7", "a reserved, documentation or benchmarking address")));
  }

  @Test
  void theNeighboursOfEveryIpv4RangeArePublic() {
    assertPublic(
        "126.255.255.255",
        "128.0.0.0",
        "169.253.255.255",
        "169.255.0.0",
        "168.254.0.1",
        "9.255.255.255",
        "11.0.0.0",
        "172.15.255.255",
        "172.32.0.0",
        "171.16.0.1",
        "192.167.255.255",
        "192.169.0.0",
        "191.168.0.1",
        "100.63.255.255",
        "100.128.0.0",
        "99.64.0.1",
        "223.255.255.255",
        "1.0.0.0",
        "192.0.1.1",
        "192.0.3.1",
        "192.1.0.1",
        "193.0.0.1",
        "198.17.255.255",
        "198.20.0.0",
        "197.18.0.1",
        "198.51.101.1",
        "198.52.100.1",
        "198.50.100.1",
        "203.0.114.1",
        "203.1.113.1",
        "204.0.113.1",
        "202.0.113.1");
  }

  @Test
  void loopbackIsAllowedOnlyWhenAskedAndNothingElseIs() {
    assertNull(refusal("127.0.0.1", true));
    assertNull(refusal("::1", true));
    assertEquals("a loopback address", refusal("::1", false));
    assertEquals("a private address", refusal("10.0.0.1", true));
    assertEquals("the unspecified address", refusal("::", true));
  }

  @Test
  void ipv6RangesAndTheirNeighbours() {
    assertRefusals(
        Map.ofEntries(
            Map.entry("::", "the unspecified address"),
            Map.entry("fe80::1", "a link-local or site-local address"),
            Map.entry("fec0::1", "a link-local or site-local address"),
            Map.entry("fc00::", "a unique-local (private) address"),
            Map.entry("fdff:ffff::1", "a unique-local (private) address"),
            Map.entry("ff02::1", "a multicast address"),
            Map.entry("2001:db8::1", "a documentation, discard or Teredo address"),
            Map.entry("100::1", "a documentation, discard or Teredo address"),
            Map.entry("2001:0:1::1", "a documentation, discard or Teredo address")));
    assertPublic(
        "fb00::1",
        "fe00::1",
        "2001:db9::1",
        "2001:cb8::1",
        "2002:808:808::1",
        "2001:1::1",
        "2001:100::1",
        "101::1",
        "2606:4700:4700::1111");
  }

  @Test
  void ipv4InsideIpv6IsJudgedAsIpv4() {
    assertRefusals(
        Map.of(
            "::10.0.0.1", "a private address",
            "64:ff9b::10.0.0.1", "a private address",
            "2002:a00:1::", "a private address",
            "::ffff:10.0.0.1", "a private address"));
    assertPublic("::8.8.8.8", "64:ff9b::8.8.8.8", "::ffff:8.8.8.8", "64:ff9b:1::a00:1");
  }
}
