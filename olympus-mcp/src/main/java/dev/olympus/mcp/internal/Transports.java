package dev.olympus.mcp.internal;

import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Opens the SDK's transports for the two ways of reaching a server. */
public final class Transports {
  private Transports() {}

  /**
   * Starts {@code command} with {@code args} in {@code directory} (null: ours) for each connection,
   * with {@code env} and, of our environment, only the safe variables and {@code inherited}.
   */
  public static Supplier<McpClientTransport> stdio(
      String command,
      List<String> args,
      Map<String, String> env,
      Set<String> inherited,
      Path directory) {
    ServerParameters parameters =
        ServerParameters.builder(command).args(List.copyOf(args)).env(Map.copyOf(env)).build();
    Set<String> names = Set.copyOf(inherited);
    return () -> new StdioTransport(parameters, directory, names);
  }

  /** Connects to the Streamable HTTP endpoint {@code url}, sending {@code headers} each time. */
  public static Supplier<McpClientTransport> http(URI url, Map<String, String> headers) {
    Map<String, String> copy = Map.copyOf(headers);
    String base = url.getScheme() + "://" + url.getRawAuthority();
    String endpoint = url.getRawPath().isEmpty() ? "/mcp" : url.getRawPath();
    return () -> {
      HttpRequest.Builder request = HttpRequest.newBuilder();
      copy.forEach(request::header);
      return HttpClientStreamableHttpTransport.builder(base)
          .endpoint(endpoint)
          .requestBuilder(request)
          .jsonMapper(Json.sdkMapper())
          .build();
    };
  }
}
