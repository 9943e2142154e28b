/**
 * Olympus over the Model Context Protocol: {@link dev.olympus.mcp.McpConnection} imports an MCP
 * server's tools as Olympus tools (under Olympus consent, schemas, rate limits and timeouts), and
 * {@link dev.olympus.mcp.McpServer} serves a {@link dev.olympus.tools.ToolRegistry} over MCP.
 */
module dev.olympus.mcp {
  requires transitive dev.olympus.tools;
  requires io.modelcontextprotocol.sdk.mcp.core;
  requires io.modelcontextprotocol.sdk.mcp.json.jackson2;
  requires reactor.core;
  requires org.reactivestreams;
  requires com.networknt.schema;
  requires org.slf4j;
  requires java.net.http;
  requires jdk.httpserver;

  exports dev.olympus.mcp;
}
