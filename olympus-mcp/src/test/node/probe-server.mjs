// An MCP server on the official TypeScript SDK (low-level Server API) with the misbehaviours the
// Java tests need: a call that waits until cancelled (and records the cancellation it received),
// a line of garbage on stdout, a changing tool list, and a tool without annotations.
// Usage: node probe-server.mjs <marker-file>
import { writeFileSync } from "node:fs";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const marker = process.argv[2];
const empty = { type: "object", properties: {} };
const tools = [
  { name: "wait", description: "Waits until cancelled", inputSchema: empty, annotations: { readOnlyHint: true } },
  { name: "garbage", description: "Writes a line that is not JSON-RPC, then never answers", inputSchema: empty },
  { name: "add_tool", description: "Adds the tool 'added' and announces the change", inputSchema: empty },
  { name: "no_hints", description: "Has no annotations", inputSchema: empty },
  { name: "long_error", description: "Fails with a 10,000-character message", inputSchema: empty },
];

const server = new Server({ name: "probe", version: "1.0.0" }, { capabilities: { tools: { listChanged: true } } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
  const text = (t) => ({ content: [{ type: "text", text: t }] });
  switch (request.params.name) {
    case "wait":
      writeFileSync(marker, `started ${extra.requestId}`);
      if (!extra.signal.aborted) {
        await new Promise((resolve) => extra.signal.addEventListener("abort", resolve));
      }
      writeFileSync(marker, `cancelled ${extra.requestId}: ${extra.signal.reason}`);
      return text("cancelled");
    case "garbage":
      process.stdout.write("this is not JSON-RPC\n");
      return new Promise(() => {});
    case "add_tool":
      tools.push({ name: "added", description: "Added at run time", inputSchema: empty });
      await server.sendToolListChanged();
      return text("added");
    case "long_error":
      return { isError: true, content: [{ type: "text", text: "x".repeat(10000) }] };
    default:
      return text("ok " + request.params.name);
  }
});
await server.connect(new StdioServerTransport());
