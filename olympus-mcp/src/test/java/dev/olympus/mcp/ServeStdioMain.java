package dev.olympus.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolRegistry;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the {@link ServedFixture} tools (or, with the argument {@code process}, tools that show this
 * process's environment and end it mid-call) as an MCP server on this process's stdin and stdout.
 * It exits when its stdin closes, so a child left behind by a test JVM that died (e.g. one that PIT
 * stopped at a time-out) ends with it.
 */
public final class ServeStdioMain {
  private ServeStdioMain() {}

  /** Serves until stdin closes. */
  public static void main(String[] args) throws InterruptedException {
    boolean process = args.length > 0 && args[0].equals("process");
    CountDownLatch ended = new CountDownLatch(1);
    McpServer server =
        McpServer.builder(process ? processTools() : ServedFixture.tools())
            .consent(process ? request -> ConsentDecision.allowOnce() : ServedFixture.consent())
            .serveStdio(new EndOfInput(System.in, ended), System.out);
    ended.await();
    server.close();
    System.exit(0);
  }

  private static ToolRegistry processTools() {
    Tool environment =
        Tool.builder("process.environment")
            .description("Returns this process's environment variables, working directory and id")
            .handler(
                (input, ctx) ->
                    new ObjectMapper()
                        .valueToTree(
                            Map.of(
                                "env", System.getenv(),
                                "cwd", System.getProperty("user.dir"),
                                "pid", ProcessHandle.current().pid())));
    Tool exit =
        Tool.builder("process.exit")
            .description("Ends this process in the middle of the call")
            .handler(
                (input, ctx) -> {
                  Runtime.getRuntime().halt(3);
                  throw new AssertionError("halted");
                });
    return ToolRegistry.builder().add(environment).add(exit).build();
  }

  /** Counts {@code ended} down once the stream ends. */
  private static final class EndOfInput extends FilterInputStream {
    private final CountDownLatch ended;

    EndOfInput(InputStream in, CountDownLatch ended) {
      super(in);
      this.ended = ended;
    }

    @Override
    public int read() throws IOException {
      return noticed(super.read());
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return noticed(super.read(buffer, offset, length));
    }

    private int noticed(int read) {
      if (read < 0) {
        ended.countDown();
      }
      return read;
    }
  }
}
