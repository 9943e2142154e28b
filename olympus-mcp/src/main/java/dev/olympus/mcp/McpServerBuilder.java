package dev.olympus.mcp;

import static dev.olympus.mcp.internal.Checks.argument;
import static dev.olympus.mcp.internal.Checks.notBlank;
import static dev.olympus.mcp.internal.Checks.notNull;

import dev.olympus.mcp.internal.DefaultMcpServer;
import dev.olympus.mcp.internal.ServedTools;
import dev.olympus.tools.ConsentGate;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ToolRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Builds an {@link McpServer}; start with {@link McpServer#builder}. Not thread-safe; each {@code
 * serve...} call starts a new server from the configuration so far.
 */
public final class McpServerBuilder {
  private final ToolRegistry tools;
  private ConsentGate consent = ConsentGate.builder().build();
  private String name = "olympus";
  private String version = "0.1.0";
  private Duration callTimeout = Duration.ofSeconds(60);
  private String bearerToken;

  McpServerBuilder(ToolRegistry tools) {
    this.tools = notNull(tools, "tools");
  }

  /**
   * Asks {@code provider} before each call (through a {@link ConsentGate} with no standing grants);
   * by default every call is denied.
   *
   * @throws NullPointerException if {@code provider} is null
   */
  public McpServerBuilder consent(ConsentProvider provider) {
    this.consent = ConsentGate.builder().provider(notNull(provider, "provider")).build();
    return this;
  }

  /**
   * Puts each call to {@code gate}, with its standing grants and listener (e.g. the audit log).
   * Each MCP call counts as a plan of its own, so an "allow for this plan" answer covers that call
   * only.
   *
   * @throws NullPointerException if {@code gate} is null
   */
  public McpServerBuilder consentGate(ConsentGate gate) {
    this.consent = notNull(gate, "gate");
    return this;
  }

  /**
   * Sets the name and version the server gives clients; default {@code olympus 0.1.0}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument is blank
   */
  public McpServerBuilder serverInfo(String name, String version) {
    this.name = notBlank(name, "name");
    this.version = notBlank(version, "version");
    return this;
  }

  /**
   * Sets the deadline of each call, from when it arrives (the registry's own timeouts also apply);
   * default 60 seconds. Time waiting for consent counts.
   *
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public McpServerBuilder callTimeout(Duration timeout) {
    notNull(timeout, "timeout");
    argument(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive: " + timeout);
    this.callTimeout = timeout;
    return this;
  }

  /**
   * Requires {@code Authorization: Bearer <token>} on every HTTP request (others get 401); by
   * default HTTP clients are not authenticated, so anyone who can reach the address can ask for
   * calls (which still need consent). Does not apply to stdio.
   *
   * @throws NullPointerException if {@code token} is null
   * @throws IllegalArgumentException if {@code token} is blank or shorter than 16 characters
   */
  public McpServerBuilder bearerToken(String token) {
    notBlank(token, "token");
    argument(token.length() >= 16, "token must have at least 16 characters");
    this.bearerToken = token;
    return this;
  }

  /**
   * Serves over this process's standard input and output, until they close or {@code close()};
   * returns at once. Nothing else may write to {@code System.out} (log to {@code System.err}).
   */
  public McpServer serveStdio() {
    return serveStdio(System.in, System.out);
  }

  /**
   * Serves over {@code in} and {@code out}.
   *
   * @throws NullPointerException if an argument is null
   */
  public McpServer serveStdio(InputStream in, OutputStream out) {
    return DefaultMcpServer.stdio(served(), name, version, notNull(in, "in"), notNull(out, "out"));
  }

  /**
   * Serves Streamable HTTP at {@code http://<address>/mcp}; port 0 picks a free port (see {@link
   * McpServer#url()}). Bind a loopback address unless clients on other machines must reach it.
   *
   * @throws NullPointerException if {@code address} is null
   * @throws UncheckedIOException if the address cannot be bound
   */
  public McpServer serveHttp(InetSocketAddress address) {
    notNull(address, "address");
    try {
      return DefaultMcpServer.http(served(), name, version, address, bearerToken);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve MCP at " + address, e);
    }
  }

  private ServedTools served() {
    return new ServedTools(tools, consent, callTimeout);
  }
}
