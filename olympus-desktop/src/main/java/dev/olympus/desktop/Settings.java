package dev.olympus.desktop;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * What the person chose in the Settings view; saved as a properties file in the app's home folder.
 * Immutable.
 *
 * @param model the local model's name, e.g. "llama3.2"
 * @param ollamaUrl where Ollama answers (http or https)
 * @param cloud whether the OpenAI-compatible cloud provider may be used (key from OPENAI_API_KEY)
 * @param cloudUrl the OpenAI-compatible server (http or https)
 * @param dailyBudget the most the cloud may cost per day, in USD
 * @param offline whether to use no model at all
 * @param sandbox the folder the file tools may read and write
 */
public record Settings(
    String model,
    URI ollamaUrl,
    boolean cloud,
    URI cloudUrl,
    BigDecimal dailyBudget,
    boolean offline,
    Path sandbox) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException naming the field that is blank, negative or not http(s)
   */
  public Settings {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(ollamaUrl, "ollamaUrl");
    Objects.requireNonNull(cloudUrl, "cloudUrl");
    Objects.requireNonNull(dailyBudget, "dailyBudget");
    Objects.requireNonNull(sandbox, "sandbox");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model: a model name is needed, e.g. llama3.2");
    }
    checkHttp("Ollama URL", ollamaUrl);
    checkHttp("cloud URL", cloudUrl);
    if (dailyBudget.signum() < 0) {
      throw new IllegalArgumentException("daily budget: must be 0 or more USD, not " + dailyBudget);
    }
  }

  private static void checkHttp(String field, URI url) {
    String scheme = url.getScheme();
    if (!("http".equals(scheme) || "https".equals(scheme)) || url.getHost() == null) {
      throw new IllegalArgumentException(field + ": must be http(s)://host[:port], not " + url);
    }
  }

  /** The settings of a first start: llama3.2 on the local Ollama, no cloud, $1 a day. */
  public static Settings defaults(Path home) {
    return new Settings(
        "llama3.2",
        URI.create("http://127.0.0.1:11434"),
        false,
        URI.create("https://api.openai.com"),
        BigDecimal.ONE,
        false,
        home.resolve("sandbox"));
  }

  /**
   * Reads settings typed by a person, e.g. in the Settings view.
   *
   * @throws IllegalArgumentException naming the field that cannot be read
   */
  public static Settings parse(
      String model,
      String ollamaUrl,
      boolean cloud,
      String cloudUrl,
      String budget,
      boolean offline,
      String box) {
    return new Settings(
        model.strip(),
        uri("Ollama URL", ollamaUrl.strip()),
        cloud,
        uri("cloud URL", cloudUrl.strip()),
        usd(budget.strip()),
        offline,
        path(box));
  }

  /**
   * Loads the settings saved in {@code file}, or {@link #defaults} next to it if there is none.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException naming the field that is wrong in the file
   */
  public static Settings load(Path file) throws IOException {
    Settings base = defaults(file.toAbsolutePath().getParent());
    if (!Files.exists(file)) {
      return base;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    return parse(
        p.getProperty("model", base.model()),
        p.getProperty("ollamaUrl", base.ollamaUrl().toString()),
        Boolean.parseBoolean(p.getProperty("cloud", "false")),
        p.getProperty("cloudUrl", base.cloudUrl().toString()),
        p.getProperty("dailyBudget", base.dailyBudget().toPlainString()),
        Boolean.parseBoolean(p.getProperty("offline", "false")),
        p.getProperty("sandbox", base.sandbox().toString()));
  }

  /**
   * Writes these settings to {@code file}.
   *
   * @throws IOException if the file cannot be written
   */
  public void save(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("model", model);
    p.setProperty("ollamaUrl", ollamaUrl.toString());
    p.setProperty("cloud", Boolean.toString(cloud));
    p.setProperty("cloudUrl", cloudUrl.toString());
    p.setProperty("dailyBudget", dailyBudget.toPlainString());
    p.setProperty("offline", Boolean.toString(offline));
    p.setProperty("sandbox", sandbox.toString());
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (Writer out = Files.newBufferedWriter(file)) {
      p.store(out, "Olympus desktop settings");
    }
  }

  private static URI uri(String field, String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(field + ": not a URL: " + text, e);
    }
  }

  private static BigDecimal usd(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("daily budget: not a number of USD: " + text, e);
    }
  }

  private static Path path(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("sandbox folder: a folder is needed");
    }
    return Path.of(text.strip()).toAbsolutePath();
  }
}
