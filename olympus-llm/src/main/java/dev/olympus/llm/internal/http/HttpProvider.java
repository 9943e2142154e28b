package dev.olympus.llm.internal.http;

import dev.olympus.llm.spi.Capability;
import dev.olympus.llm.spi.LlmProvider;
import java.util.Set;

/** What the built-in HTTP providers share: their settings and transport. Thread-safe. */
abstract class HttpProvider implements LlmProvider {
  protected final HttpSettings settings;
  protected final HttpTransport http;

  HttpProvider(HttpSettings settings) {
    this.settings = settings;
    this.http = new HttpTransport(settings);
  }

  @Override
  public final String name() {
    return settings.name();
  }

  @Override
  public final String model() {
    return settings.model();
  }

  @Override
  public final Set<Capability> capabilities() {
    return settings.capabilities();
  }
}
