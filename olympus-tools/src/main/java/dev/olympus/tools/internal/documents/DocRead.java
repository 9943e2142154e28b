package dev.olympus.tools.internal.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.tools.DocumentException;
import dev.olympus.tools.DocumentLoader;
import dev.olympus.tools.DocumentText;
import dev.olympus.tools.Risk;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.internal.fs.FsLimits;
import dev.olympus.tools.internal.fs.FsTool;
import dev.olympus.tools.internal.fs.Sandbox;
import dev.olympus.tools.internal.fs.SandboxPath;
import dev.olympus.tools.internal.fs.SandboxRead;
import java.io.IOException;
import java.nio.file.Path;

/** {@code doc.read}: the text of a PDF, HTML, Markdown or text file inside the sandbox. */
public final class DocRead extends FsTool {
  private static final String SCHEMA =
      """
      {"type":"object","additionalProperties":false,"required":["path"],"properties":{
        "path":{"type":"string","minLength":1,"maxLength":4096,
          "description":"Document path relative to the workspace root, e.g. docs/report.pdf"}}}
      """;

  private final DocumentLoader loader;
  private final SandboxRead reader;

  private DocRead(Sandbox sandbox, DocumentLoader loader) {
    super(
        "doc.read",
        sandbox,
        new FsLimits(loader.maxBytes(), 1, 1, false),
        "Read the text of a PDF, HTML, Markdown or plain-text document in the workspace.",
        SCHEMA,
        SideEffect.READ_ONLY,
        Risk.of("reads a document in the workspace"),
        "fs.read");
    this.loader = loader;
    this.reader = new SandboxRead(id(), sandbox, loader.maxBytes());
  }

  /** Returns {@code doc.read} rooted at {@code root}. */
  public static Tool create(Path root, DocumentLoader loader) {
    return new DocRead(Sandbox.at(root), loader);
  }

  @Override
  protected JsonNode run(JsonNode input) throws IOException {
    SandboxPath path = path(input, "path", false);
    DocumentText document;
    try {
      document = loader.load(path.toString(), reader.read(path));
    } catch (DocumentException e) {
      throw new ToolExecutionException(id(), "'" + e.document() + "': " + e.detail(), false, e);
    }
    ObjectNode out = result(path).put("format", document.format().name());
    document.title().ifPresent(title -> out.put("title", title));
    return out.put("pages", document.pages())
        .put("chars", document.text().length())
        .put("text", document.text());
  }

  @Override
  public String summarize(JsonNode input) {
    return "read the text of " + shown(input, "path");
  }
}
