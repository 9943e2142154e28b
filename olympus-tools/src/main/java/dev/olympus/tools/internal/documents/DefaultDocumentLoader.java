package dev.olympus.tools.internal.documents;

import static dev.olympus.tools.internal.Checks.notNull;

import dev.olympus.tools.DocumentException;
import dev.olympus.tools.DocumentException.Problem;
import dev.olympus.tools.DocumentLoader;
import dev.olympus.tools.DocumentText;

/** Picks the extractor by file name and enforces the size limits. Immutable and thread-safe. */
public final class DefaultDocumentLoader implements DocumentLoader {
  private final DocumentLimits limits;

  /** Creates a loader with {@code limits}. */
  public DefaultDocumentLoader(DocumentLimits limits) {
    this.limits = limits;
  }

  @Override
  public DocumentText load(String name, byte[] content) {
    notNull(name, "name");
    notNull(content, "content");
    DocumentText.Format format =
        DocumentText.Format.ofFileName(name)
            .orElseThrow(
                () ->
                    new DocumentException(
                        name,
                        Problem.UNSUPPORTED_FORMAT,
                        "has an extension no loader reads (use .pdf, .html, .md or .txt)",
                        null));
    if (content.length > limits.maxBytes()) {
      throw new DocumentException(
          name,
          Problem.TOO_LARGE,
          "is " + content.length + " bytes, more than the limit of " + limits.maxBytes(),
          null);
    }
    DocumentText text = extract(name, format, content);
    if (text.text().length() > limits.maxChars()) {
      throw new DocumentException(
          name,
          Problem.TOO_LARGE,
          "has "
              + text.text().length()
              + " chars of text, more than the limit of "
              + limits.maxChars(),
          null);
    }
    return text;
  }

  // A loader that fails in a way it does not name (a bug, a library missing on the module path)
  // still reports the document it failed on, typed.
  private DocumentText extract(String name, DocumentText.Format format, byte[] content) {
    try {
      return switch (format) {
        case PDF -> PdfText.extract(name, content, limits);
        case HTML -> HtmlText.extract(name, content);
        case MARKDOWN, TEXT -> PlainText.extract(name, format, content);
      };
    } catch (DocumentException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new DocumentException(
          name, Problem.LOADER_FAILED, "could not be read: the loader failed with " + e, e);
    }
  }

  @Override
  public long maxBytes() {
    return limits.maxBytes();
  }
}
