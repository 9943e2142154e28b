package dev.olympus.mcp.internal;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import java.nio.file.Path;

/** The SDK's stdio transport, starting the server in a chosen working directory. */
final class StdioTransport extends StdioClientTransport {
  private final Path workingDirectory;

  StdioTransport(ServerParameters parameters, Path workingDirectory) {
    super(parameters, Json.sdkMapper());
    this.workingDirectory = workingDirectory;
  }

  @Override
  protected ProcessBuilder getProcessBuilder() {
    ProcessBuilder builder = super.getProcessBuilder();
    return workingDirectory == null ? builder : builder.directory(workingDirectory.toFile());
  }
}
