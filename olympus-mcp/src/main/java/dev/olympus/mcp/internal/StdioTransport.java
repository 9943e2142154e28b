package dev.olympus.mcp.internal;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The SDK's stdio transport, starting the server in a chosen working directory with only a few of
 * our environment variables (the SDK then adds the host's explicit ones): a server is untrusted
 * code and must not see the host's API keys.
 */
final class StdioTransport extends StdioClientTransport {
  /** Inherited by default, as the TypeScript SDK does: enough to find programs and a home. */
  static final Set<String> SAFE_ENV =
      Set.of(
          "HOME",
          "LOGNAME",
          "PATH",
          "SHELL",
          "TERM",
          "USER",
          "LANG",
          "TMPDIR",
          "APPDATA",
          "HOMEDRIVE",
          "HOMEPATH",
          "LOCALAPPDATA",
          "PROCESSOR_ARCHITECTURE",
          "SYSTEMDRIVE",
          "SYSTEMROOT",
          "TEMP",
          "USERNAME",
          "USERPROFILE",
          "PROGRAMFILES");

  private final Path workingDirectory;
  private final Set<String> inherited;

  StdioTransport(ServerParameters parameters, Path workingDirectory, Set<String> inherited) {
    super(parameters, Json.sdkMapper());
    this.workingDirectory = workingDirectory;
    this.inherited = inherited;
  }

  @Override
  protected ProcessBuilder getProcessBuilder() {
    ProcessBuilder builder = super.getProcessBuilder();
    builder.environment().keySet().removeIf(name -> !inherits(name));
    return workingDirectory == null ? builder : builder.directory(workingDirectory.toFile());
  }

  private boolean inherits(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return SAFE_ENV.contains(upper) || inherited.contains(name) || upper.startsWith("LC_");
  }
}
