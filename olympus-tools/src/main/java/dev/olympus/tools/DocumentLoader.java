package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNull;
import static dev.olympus.tools.internal.Checks.positive;

import dev.olympus.tools.internal.documents.DefaultDocumentLoader;
import dev.olympus.tools.internal.documents.DocumentLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Extracts text from PDF (Apache PDFBox), HTML (jsoup), Markdown and plain-text documents, refusing
 * oversized, malformed and encrypted ones with a {@link DocumentException} that names the problem.
 *
 * <pre>{@code
 * DocumentLoader loader = DocumentLoader.ofDefaults();
 * DocumentText doc = loader.load(Path.of("docs/report.pdf"));
 * memory.documents().ingest(doc.name(), doc.text(), Map.of("format", doc.format().name()));
 * }</pre>
 *
 * <p>The built-in implementation is immutable and thread-safe. To read files a model chose, use the
 * sandboxed {@code doc.read} tool from {@link DocumentTools} rather than {@link #load(Path)}.
 */
public interface DocumentLoader {

  /**
   * Extracts the text of a document called {@code name} (its extension picks the format) whose
   * bytes are {@code content}.
   *
   * @throws NullPointerException if an argument is null
   * @throws DocumentException if the document is too large, malformed, encrypted or unsupported
   */
  DocumentText load(String name, byte[] content);

  /**
   * Reads {@code file} (refusing it before reading if it is larger than the loader's limit) and
   * extracts its text. The name of the result is the file's path as given.
   *
   * @throws NullPointerException if {@code file} is null
   * @throws DocumentException if the document is too large, malformed, encrypted or unsupported, or
   *     the file cannot be read ({@link DocumentException.Problem#UNREADABLE})
   */
  default DocumentText load(Path file) {
    notNull(file, "file");
    try {
      long size = Files.size(file);
      if (size > maxBytes()) {
        throw new DocumentException(
            file.toString(),
            DocumentException.Problem.TOO_LARGE,
            "is " + size + " bytes, more than the limit of " + maxBytes(),
            null);
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes() + 1));
        return load(file.toString(), bytes);
      }
    } catch (IOException e) {
      throw new DocumentException(
          file.toString(), DocumentException.Problem.UNREADABLE, "cannot be read: " + e, e);
    }
  }

  /** Returns the largest document, in bytes, this loader accepts. */
  long maxBytes();

  /**
   * Returns a loader with default limits: 20 MiB files, 2,000 PDF pages, 10 million chars, 128 MiB
   * of inflated PDF streams, 60 seconds per extraction.
   */
  static DocumentLoader ofDefaults() {
    return builder().build();
  }

  /** Returns a builder for a loader with custom limits. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Configures a {@link DocumentLoader}. Settings may be called again: the last call wins. Not
   * thread-safe; can build more than once.
   */
  final class Builder {
    private long maxBytes = 20L << 20;
    private int maxPages = 2_000;
    private int maxChars = 10_000_000;
    private long maxDecodedBytes = 128L << 20;
    private Duration timeout = Duration.ofSeconds(60);

    Builder() {}

    /**
     * Sets the largest document accepted, in bytes.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder maxBytes(long bytes) {
      this.maxBytes = positive(bytes, "bytes");
      return this;
    }

    /**
     * Sets the most pages a PDF may have.
     *
     * @throws IllegalArgumentException if {@code pages} is not positive
     */
    public Builder maxPages(int pages) {
      this.maxPages = (int) positive(pages, "pages");
      return this;
    }

    /**
     * Sets the longest extracted text, in chars; a PDF may also show no more glyphs than this
     * (whitespace included), checked while its text is extracted.
     *
     * @throws IllegalArgumentException if {@code chars} is not positive
     */
    public Builder maxChars(int chars) {
      this.maxChars = (int) positive(chars, "chars");
      return this;
    }

    /**
     * Sets the most bytes a PDF's compressed streams other than images may inflate to, in total; a
     * PDF over it is refused before it is parsed.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder maxDecodedBytes(long bytes) {
      this.maxDecodedBytes = positive(bytes, "bytes");
      return this;
    }

    /**
     * Sets the longest the text extraction of one PDF may take.
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder timeout(Duration timeout) {
      positive(notNull(timeout, "timeout").toNanos(), "timeout");
      this.timeout = timeout;
      return this;
    }

    /** Builds the loader. */
    public DocumentLoader build() {
      return new DefaultDocumentLoader(
          new DocumentLimits(maxBytes, maxPages, maxChars, maxDecodedBytes, timeout));
    }
  }
}
