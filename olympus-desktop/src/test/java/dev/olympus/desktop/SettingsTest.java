package dev.olympus.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @Test
  void savedSettingsLoadBackEqual(@TempDir Path home) throws Exception {
    Settings chosen =
        new Settings(
            "qwen2.5",
            URI.create("http://10.0.0.2:11434"),
            true,
            URI.create("https://llm.example.com"),
            new BigDecimal("2.50"),
            true,
            home.resolve("box"));
    chosen.save(home.resolve("settings.properties"));
    assertEquals(chosen, Settings.load(home.resolve("settings.properties")));
  }

  @Test
  void aFirstStartGetsTheDefaultsBesideTheFile(@TempDir Path home) throws Exception {
    Settings loaded = Settings.load(home.resolve("settings.properties"));
    assertEquals(Settings.defaults(home), loaded);
    assertEquals(home.resolve("sandbox"), loaded.sandbox());
  }

  @Test
  void badInputNamesTheField() {
    assertMessage("Ollama URL", () -> parse("m", "ftp://host", "1", "/tmp/box"));
    assertMessage("Ollama URL", () -> parse("m", "http://bad host", "1", "/tmp/box"));
    assertMessage(
        "cloud URL",
        () -> Settings.parse("m", "http://h:1", true, "file:///etc", "1", false, "/tmp/box"));
    assertMessage("daily budget", () -> parse("m", "http://h:1", "-1", "/tmp/box"));
    assertMessage("daily budget", () -> parse("m", "http://h:1", "one dollar", "/tmp/box"));
    assertMessage("model", () -> parse(" ", "http://h:1", "1", "/tmp/box"));
    assertMessage("sandbox folder", () -> parse("m", "http://h:1", "1", " "));
  }

  @Test
  void noCloudSpendAtAllIsAValidBudget() {
    assertEquals(BigDecimal.ZERO, parse("m", "http://h:1", "0", "/tmp/box").dailyBudget());
  }

  @Test
  void aUrlWithoutAHostIsRefused() {
    assertMessage("Ollama URL", () -> parse("m", "http:/no-host", "1", "/tmp/box"));
  }

  @Test
  void settingsMissingFromTheFileAreTheDefaults(@TempDir Path home) throws Exception {
    Path file = Files.writeString(home.resolve("settings.properties"), "model=qwen2.5\n");
    Settings d = Settings.defaults(home);
    assertEquals(
        new Settings(
            "qwen2.5", d.ollamaUrl(), false, d.cloudUrl(), d.dailyBudget(), false, d.sandbox()),
        Settings.load(file));
  }

  private static Settings parse(String model, String url, String budget, String box) {
    return Settings.parse(model, url, false, "https://api.openai.com", budget, false, box);
  }

  private static void assertMessage(String field, Runnable bad) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::run);
    assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
  }
}
