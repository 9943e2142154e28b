package dev.olympus.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a server address option ({@code --ollama-url}, {@code --cloud-url}): an absolute http or
 * https URL with a host, or a message saying what a good one looks like. Stateless.
 */
final class HttpUrl implements ITypeConverter<URI> {
  @Override
  public URI convert(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw refused(value);
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw refused(value);
    }
    return uri;
  }

  private static TypeConversionException refused(String value) {
    return new TypeConversionException(
        "'" + value + "' is not an http or https address such as http://127.0.0.1:11434");
  }
}
