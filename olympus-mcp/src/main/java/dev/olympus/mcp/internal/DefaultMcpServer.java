package dev.olympus.mcp.internal;

import dev.olympus.mcp.McpServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/** The {@link McpServer} on the SDK's synchronous servers. Thread-safe. */
public final class DefaultMcpServer implements McpServer {
  private static final ServerCapabilities TOOLS = ServerCapabilities.builder().tools(false).build();

  private final Runnable stop;
  private final URI url;

  private DefaultMcpServer(Runnable stop, URI url) {
    this.stop = stop;
    this.url = url;
  }

  /** Serves {@code tools} over {@code in} and {@code out}. */
  public static McpServer stdio(
      ServedTools tools, String name, String version, InputStream in, OutputStream out) {
    var server =
        io.modelcontextprotocol.server.McpServer.sync(
                new StdioServerTransportProvider(Json.sdkMapper(), in, out))
            .serverInfo(name, version)
            .capabilities(TOOLS)
            .jsonSchemaValidator(new SchemaCheck())
            .validateToolInputs(false)
            .tools(tools.sessionSpecifications())
            .build();
    return new DefaultMcpServer(server::close, null);
  }

  /** Serves {@code tools} over stateless Streamable HTTP at {@code address}. */
  public static McpServer http(
      ServedTools tools, String name, String version, InetSocketAddress address, String bearerToken)
      throws IOException {
    HttpTransport transport = new HttpTransport(address, bearerToken);
    var server =
        io.modelcontextprotocol.server.McpServer.sync(transport)
            .serverInfo(name, version)
            .capabilities(TOOLS)
            .jsonSchemaValidator(new SchemaCheck())
            .validateToolInputs(false)
            .tools(tools.statelessSpecifications())
            .build();
    return new DefaultMcpServer(
        () -> {
          server.close();
          transport.close();
        },
        transport.url());
  }

  @Override
  public Optional<URI> url() {
    return Optional.ofNullable(url);
  }

  @Override
  public void close() {
    stop.run();
  }
}
