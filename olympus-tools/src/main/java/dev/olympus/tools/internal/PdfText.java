package dev.olympus.tools.internal;

import dev.olympus.tools.DocumentException;
import dev.olympus.tools.DocumentException.Problem;
import dev.olympus.tools.DocumentFormat;
import dev.olympus.tools.DocumentText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/** PDF through Apache PDFBox: the page count is checked before any text is extracted. */
final class PdfText {
  private PdfText() {}

  static DocumentText extract(String name, byte[] content, int maxPages) {
    requireHeader(name, content);
    try (PDDocument pdf = Loader.loadPDF(content)) {
      int pages = pdf.getNumberOfPages();
      if (pages > maxPages) {
        throw new DocumentException(
            name,
            Problem.TOO_LARGE,
            "has " + pages + " pages, more than the limit of " + maxPages,
            null);
      }
      String text = new PDFTextStripper().getText(pdf).strip();
      String title = pdf.getDocumentInformation().getTitle();
      return new DocumentText(
          name,
          DocumentFormat.PDF,
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
