package dev.olympus.apicheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A host importing the BOM gets the Jackson our modules are built and tested with. */
class BomTest {
  private static final Path ROOT = Path.of(System.getProperty("olympus.root", "..")).normalize();
  private static final Pattern JACKSON_VERSION =
      Pattern.compile("<jackson\\.version>([^<]+)</jackson\\.version>");

  @Test
  void theBomAlignsJacksonOnTheVersionTheBuildUses() throws IOException {
    String bom = Files.readString(ROOT.resolve("olympus-bom/pom.xml"));
    String parent = Files.readString(ROOT.resolve("pom.xml"));
    assertEquals(jacksonVersion(parent), jacksonVersion(bom));
    assertTrue(
        bom.replaceAll("\\s+", "")
            .contains(
                "<artifactId>jackson-bom</artifactId><version>${jackson.version}</version>"
                    + "<type>pom</type><scope>import</scope>"),
        "olympus-bom imports com.fasterxml.jackson:jackson-bom");
  }

  private static String jacksonVersion(String pom) {
    Matcher matcher = JACKSON_VERSION.matcher(pom);
    assertTrue(matcher.find(), "no jackson.version property");
    return matcher.group(1);
  }
}
