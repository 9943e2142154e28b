package dev.olympus.tools.internal.documents;

import dev.olympus.tools.DocumentException;
import dev.olympus.tools.DocumentException.Problem;
import dev.olympus.tools.DocumentText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * PDF through Apache PDFBox. Before PDFBox sees the bytes, the deflated streams are measured
 * against the decompression limit ({@link PdfInflation}); the page count is checked before any text
 * is extracted; extraction stops at the character limit ({@link BoundedTextStripper}); every step
 * runs under one time limit ({@link ExtractionDeadline}).
 */
final class PdfText {
  private PdfText() {}

  static DocumentText extract(String name, byte[] content, DocumentLimits limits) {
    requireHeader(name, content);
    ExtractionDeadline deadline = new ExtractionDeadline(name, limits.timeout());
    long inflated = PdfInflation.inflatedSize(content, limits.maxDecodedBytes(), deadline);
    if (inflated > limits.maxDecodedBytes()) {
      throw new DocumentException(
          name,
          Problem.TOO_LARGE,
          "has compressed streams that inflate to more than " + limits.maxDecodedBytes() + " bytes",
          null);
    }
    try (PDDocument pdf = Loader.loadPDF(content)) {
      int pages = pdf.getNumberOfPages();
      if (pages > limits.maxPages()) {
        throw new DocumentException(
            name,
            Problem.TOO_LARGE,
            "has " + pages + " pages, more than the limit of " + limits.maxPages(),
            null);
      }
      if (PdfStreams.decodedSize(pdf.getDocument(), limits.maxDecodedBytes(), deadline)
          > limits.maxDecodedBytes()) {
        throw new DocumentException(
            name,
            Problem.TOO_LARGE,
            "has streams that decode to more than " + limits.maxDecodedBytes() + " bytes",
            null);
      }
      String text = new BoundedTextStripper(name, limits.maxChars(), deadline).getText(pdf).strip();
      String title = pdf.getDocumentInformation().getTitle();
      return new DocumentText(
          name,
          DocumentText.Format.PDF,
          title == null || title.isBlank() ? Optional.empty() : Optional.of(title.strip()),
          text,
          pages);
    } catch (InvalidPasswordException e) {
      throw new DocumentException(
          name, Problem.ENCRYPTED, "is an encrypted PDF that needs a password", e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof DocumentException refused) {
        throw refused;
      }
      throw new DocumentException(
          name, Problem.MALFORMED, "is not a readable PDF: " + e.getMessage(), e);
    }
  }

  private static void requireHeader(String name, byte[] content) {
    String start =
        new String(content, 0, Math.min(content.length, 1024), StandardCharsets.ISO_8859_1);
    if (!start.contains("%PDF-")) {
      throw new DocumentException(
          name, Problem.MALFORMED, "is not a PDF (no %PDF- header in its first 1024 bytes)", null);
    }
  }
}
