package dev.olympus.mcp;

import static dev.olympus.mcp.internal.Checks.argument;
import static dev.olympus.mcp.internal.Checks.notBlank;
import static dev.olympus.mcp.internal.Checks.notNull;
import static dev.olympus.mcp.internal.Checks.state;

import dev.olympus.mcp.internal.DefaultMcpConnection;
import dev.olympus.mcp.internal.Settings;
import dev.olympus.mcp.internal.Transports;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Builds an {@link McpConnection}; start with {@link McpConnection#stdio} or {@link
 * McpConnection#http}. Not thread-safe; {@link #connect()} copies the configuration, so a builder
 * can connect more than once.
 */
public final class McpConnectionBuilder {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
  private static final Pattern PREFIX = Pattern.compile("[a-zA-Z0-9_.-]{0,32}");

  private final String name;
  private final String command;
  private final List<String> args;
  private final URI url;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final Map<String, SideEffect> sideEffects = new LinkedHashMap<>();
  private final Set<String> retryableErrors = new HashSet<>();
  private final Set<String> inheritedEnv = new HashSet<>();
  private Path workingDirectory;
  private String prefix;
  private Duration requestTimeout = Duration.ofSeconds(60);
  private Consumer<List<Tool>> toolsChanged = tools -> {};

  private McpConnectionBuilder(String name, String command, List<String> args, URI url) {
    notNull(name, "name");
    argument(NAME.matcher(name).matches(), "name must match " + NAME + " but was '" + name + "'");
    this.name = name;
    this.prefix = name + ".";
    this.command = command;
    this.args = args;
    this.url = url;
  }

  static McpConnectionBuilder stdio(String name, String command, List<String> args) {
    notBlank(command, "command");
    notNull(args, "args").forEach(arg -> notNull(arg, "args"));
    return new McpConnectionBuilder(name, command, List.copyOf(args), null);
  }

  static McpConnectionBuilder http(String name, URI url) {
    notNull(url, "url");
    String scheme = String.valueOf(url.getScheme());
    argument(
        (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null,
        "url must be an absolute http(s) URL but was " + url);
    return new McpConnectionBuilder(name, null, List.of(), url);
  }

  /**
   * Sets what is put before each MCP tool name to form the Olympus tool id; default {@code name +
   * "."}, so the filesystem server's {@code read_file} becomes {@code fs.read_file}.
   *
   * @throws NullPointerException if {@code prefix} is null
   * @throws IllegalArgumentException if {@code prefix} has characters a tool id cannot have
   */
  public McpConnectionBuilder prefix(String prefix) {
    notNull(prefix, "prefix");
    argument(PREFIX.matcher(prefix).matches(), "prefix must match " + PREFIX + ": " + prefix);
    this.prefix = prefix;
    return this;
  }

  /**
   * Sets an environment variable of a stdio server's process. Of our own environment the process
   * inherits only {@code PATH}, {@code HOME}, {@code USER}, {@code LOGNAME}, {@code SHELL}, {@code
   * TERM}, {@code LANG}, {@code LC_*}, {@code TMPDIR} (and their Windows counterparts), so that an
   * untrusted server does not see the host's secrets; see {@link #inheritEnv}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this is an HTTP connection
   */
  public McpConnectionBuilder env(String key, String value) {
    state(command != null, "env applies to stdio servers only");
    env.put(notBlank(key, "key"), notNull(value, "value"));
    return this;
  }

  /**
   * Lets a stdio server's process inherit our environment variables {@code names} too.
   *
   * @throws NullPointerException if {@code names} or one of them is null
   * @throws IllegalStateException if this is an HTTP connection
   */
  public McpConnectionBuilder inheritEnv(String... names) {
    state(command != null, "inheritEnv applies to stdio servers only");
    for (String name : notNull(names, "names")) {
      inheritedEnv.add(notBlank(name, "names"));
    }
    return this;
  }

  /**
   * Sets the working directory of a stdio server's process; default ours.
   *
   * @throws NullPointerException if {@code directory} is null
   * @throws IllegalStateException if this is an HTTP connection
   */
  public McpConnectionBuilder workingDirectory(Path directory) {
    state(command != null, "workingDirectory applies to stdio servers only");
    this.workingDirectory = notNull(directory, "directory");
    return this;
  }

  /**
   * Adds a header to every HTTP request, e.g. {@code Authorization}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this is a stdio connection
   */
  public McpConnectionBuilder header(String header, String value) {
    state(url != null, "headers apply to HTTP servers only");
    headers.put(notBlank(header, "header"), notNull(value, "value"));
    return this;
  }

  /**
   * Sets how long any request may take, tool calls included; default 60 seconds. The registry's
   * timeout of a tool also applies; the shorter wins.
   *
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public McpConnectionBuilder requestTimeout(Duration timeout) {
    notNull(timeout, "timeout");
    argument(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive: " + timeout);
    this.requestTimeout = timeout;
    return this;
  }

  /**
   * Overrides the side effect of the MCP tool {@code mcpToolName}, whatever the server's hints say
   * (they come from an untrusted server).
   *
   * @throws NullPointerException if an argument is null
   */
  public McpConnectionBuilder sideEffect(String mcpToolName, SideEffect effect) {
    sideEffects.put(notBlank(mcpToolName, "mcpToolName"), notNull(effect, "effect"));
    return this;
  }

  /**
   * Marks the {@code isError} results of {@code mcpToolName} as retryable; by default they are not.
   *
   * @throws NullPointerException if {@code mcpToolName} is null
   */
  public McpConnectionBuilder retryErrorsOf(String mcpToolName) {
    retryableErrors.add(notBlank(mcpToolName, "mcpToolName"));
    return this;
  }

  /**
   * Sets what to tell when the server announces a changed tool list; it receives the new {@link
   * McpConnection#tools()}, on an SDK thread. A listener that throws is logged.
   *
   * @throws NullPointerException if {@code listener} is null
   */
  public McpConnectionBuilder onToolsChanged(Consumer<List<Tool>> listener) {
    this.toolsChanged = notNull(listener, "listener");
    return this;
  }

  /**
   * Connects (starting a stdio server's process), initializes the MCP session and lists the
   * server's tools.
   *
   * @throws McpException naming the server if it cannot be started, reached or initialized
   */
  public McpConnection connect() {
    return DefaultMcpConnection.connect(
        new Settings(
            name,
            prefix,
            command != null
                ? Transports.stdio(command, args, env, inheritedEnv, workingDirectory)
                : Transports.http(url, headers),
            requestTimeout,
            sideEffects,
            retryableErrors,
            toolsChanged));
  }
}
