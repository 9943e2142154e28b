// Drives an MCP server with the official TypeScript SDK client and prints what it saw as one JSON
// line. Usage: node ts-client.mjs http <url> | node ts-client.mjs stdio <command> [args...]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [mode, ...rest] = process.argv.slice(2);
const transport =
  mode === "http"
    ? new StreamableHTTPClientTransport(new URL(rest[0]))
    : new StdioClientTransport({ command: rest[0], args: rest.slice(1), stderr: "inherit" });
const client = new Client({ name: "ts-sdk-client", version: "1.0.0" });
await client.connect(transport);
const { tools } = await client.listTools();
const greet = await client.callTool({ name: "text.greet", arguments: { name: "Ada" } });
const denied = await client.callTool({ name: "notes.append", arguments: { line: "x" } });
const invalid = await client.callTool({ name: "text.greet", arguments: { n: 1 } });
console.log(JSON.stringify({ server: client.getServerVersion(), tools, greet, denied, invalid }));
await client.close();
