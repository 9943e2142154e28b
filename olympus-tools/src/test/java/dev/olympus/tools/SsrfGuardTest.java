package dev.olympus.tools;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.tools.internal.http.SsrfGuard;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF guard refuses internal addresses and names. Only IP literals and names that are refused
 * before resolution or resolve locally ({@code localhost}) are used: no traffic leaves the machine,
 * and nothing is sent at all (the guard runs before any request).
 */
class SsrfGuardTest {
  private static final SsrfGuard GUARD = new SsrfGuard(List.of(), false, InetAddress::getAllByName);

  static List<String> refusedUrls() {
    return List.of(
        "http://127.0.0.1/",
        "http://127.1.2.3:8080/x",
        "http://localhost/",
        "http://LOCALHOST./",
        "http://api.localhost/",
        "http://[::1]/",
        "http://[0:0:0:0:0:0:0:1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[::127.0.0.1]/",
        "http://0.0.0.0/",
        "http://[::]/",
        "http://10.0.0.1/",
        "http://10.255.255.255/",
        "http://172.16.0.1/",
        "http://172.31.255.254/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://100.100.100.200/latest/meta-data",
        "http://169.254.169.254/latest/meta-data/",
        "http://169.254.170.2/v2/credentials",
        "http://[fe80::1]/",
        "http://[fd00:ec2::254]/",
        "http://[fc00::1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://[2002:a9fe:a9fe::]/",
        "http://[2002:7f00:1::]/",
        "http://224.0.0.1/",
        "http://[ff02::1]/",
        "http://239.255.255.250/",
        "http://255.255.255.255/",
        "http://240.0.0.1/",
        "http://192.0.0.192/",
        "http://192.0.2.1/",
        "http://198.18.0.1/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://metadata/",
        "http://instance-data/latest/",
        "http://printer.local/",
        "http://2130706433/",
        "http://017700000001/",
        "http://0x7f000001/",
        "http://0x7f.0.0.1/",
        "http://127.1/",
        "http://0177.0.0.1/",
        "http://0/",
        "https://127.0.0.1:443/",
        "http://user@example.com/",
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_INFO",
        "ftp://example.com/",
        "jar:http://example.com/x.jar!/",
        "http:///nohost");
  }

  @ParameterizedTest
  @MethodSource("refusedUrls")
  void refuses(String url) {
    assertThrows(
        SandboxViolationException.class, () -> GUARD.check("net.http.get", URI.create(url)));
  }

  // What the person or the model reads must say why, not only that the URL was refused.
  @ParameterizedTest
  @ValueSource(strings = {"http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/"})
  void aNonCanonicalNumericHostIsRefusedSayingSo(String url) {
    SandboxViolationException refused =
        assertThrows(
            SandboxViolationException.class, () -> GUARD.check("net.http.get", URI.create(url)));
    assertTrue(refused.getMessage().contains("non-canonical numeric address"), refused::getMessage);
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.215.14", "2606:4700:4700::1111"})
  void acceptsPublicAddresses(String address) throws UnknownHostException {
    assertNull(SsrfGuard.addressRefusal(InetAddress.getByName(address), false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "::1"})
  void loopbackOnlyWhenAllowed(String address) throws UnknownHostException {
    assertNotNull(SsrfGuard.addressRefusal(InetAddress.getByName(address), false));
    assertNull(SsrfGuard.addressRefusal(InetAddress.getByName(address), true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "169.254.169.254", "192.168.0.1", "fd00::1"})
  void allowingLoopbackDoesNotAllowPrivate(String address) throws UnknownHostException {
    assertNotNull(SsrfGuard.addressRefusal(InetAddress.getByName(address), true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://public.test/", "http://a.public.test/"})
  void namesResolvingToPrivateAddressesAreRefused(String url) {
    SsrfGuard rebinding =
        new SsrfGuard(
            List.of(),
            false,
            host ->
                new InetAddress[] {
                  InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.1.2.3")
                });
    assertThrows(
        SandboxViolationException.class, () -> rebinding.check("net.http.get", URI.create(url)));
  }
}
