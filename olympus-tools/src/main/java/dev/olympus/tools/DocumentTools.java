package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNull;

import dev.olympus.tools.internal.documents.DocRead;
import java.nio.file.Path;

/**
 * The {@code doc.read} tool (scope {@code fs.read}, read-only): the text of a PDF, HTML, Markdown
 * or plain-text file inside a root directory, confined exactly like {@link FileTools} (no {@code
 * ..}, no symbolic links, no special files, checked at use time).
 *
 * <pre>{@code
 * ToolRegistry tools = ToolRegistry.builder()
 *     .add(FileTools.sandboxedAt(workspace))
 *     .add(DocumentTools.sandboxedAt(workspace))
 *     .build();
 * }</pre>
 *
 * <p>Input {@code {"path": "docs/report.pdf"}}; output {@code {path, format, title?, pages, chars,
 * text}}. A document the loader refuses fails the call with a non-retryable {@link
 * ToolExecutionException} naming the problem. The tool is immutable and thread-safe.
 */
public final class DocumentTools {
  private DocumentTools() {}

  /**
   * Returns {@code doc.read} rooted at {@code root} with {@link DocumentLoader#ofDefaults()}.
   *
   * @throws NullPointerException if {@code root} is null
   * @throws IllegalArgumentException if {@code root} is not an existing directory
   * @throws UnsupportedOperationException if the platform lacks directory-relative file access
   */
  public static Tool sandboxedAt(Path root) {
    return sandboxedAt(root, DocumentLoader.ofDefaults());
  }

  /**
   * Returns {@code doc.read} rooted at {@code root}, extracting text with {@code loader}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code root} is not an existing directory
   * @throws UnsupportedOperationException if the platform lacks directory-relative file access
   */
  public static Tool sandboxedAt(Path root, DocumentLoader loader) {
    return DocRead.create(notNull(root, "root"), notNull(loader, "loader"));
  }
}
