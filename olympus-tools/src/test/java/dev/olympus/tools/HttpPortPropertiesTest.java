package dev.olympus.tools;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * The port of a URL is checked before consent is asked: one outside 1 to 65535 (which {@link
 * java.net.URI} parses without complaint) is refused as a sandbox violation, not an {@link
 * IllegalArgumentException} from the socket after the person said yes; every port in range passes.
 */
class HttpPortPropertiesTest {
  private static final Tool GET =
      HttpTools.builder()
          .resolver(
              host ->
                  new InetAddress[] {
                    InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34})
                  })
          .build()
          .get(0);

  private static void precheck(int port) {
    GET.precheck(
        JsonNodeFactory.instance.objectNode().put("url", "http://example.org:" + port + "/"));
  }

  @Test
  void aPortOutOfRangeIsRefusedBeforeConsent() {
    qt().forAll(integers().from(65_536).upToAndIncluding(Integer.MAX_VALUE))
        .checkAssert(
            port -> {
              SandboxViolationException e =
                  assertThrows(SandboxViolationException.class, () -> precheck(port));
              assertTrue(e.getMessage().contains("port"), e.getMessage());
            });
    assertThrows(SandboxViolationException.class, () -> precheck(0));
  }

  @Test
  void everyPortInRangePasses() {
    qt().forAll(integers().between(1, 65_535)).checkAssert(HttpPortPropertiesTest::precheck);
  }
}
