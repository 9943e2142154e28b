package dev.olympus.tools.internal.documents;

import dev.olympus.tools.DocumentException;
import dev.olympus.tools.DocumentException.Problem;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * PDFBox's text stripper, stopped as soon as the text shows more glyphs than the character limit
 * (whitespace included: a page of a million spaces costs as much as a million letters) or the
 * extraction runs past its time limit. One instance per extraction; not thread-safe.
 */
final class BoundedTextStripper extends PDFTextStripper {
  private final String name;
  private final int maxGlyphs;
  private final ExtractionDeadline deadline;
  private long glyphs;

  BoundedTextStripper(String name, int maxGlyphs, ExtractionDeadline deadline) {
    this.name = name;
    this.maxGlyphs = maxGlyphs;
    this.deadline = deadline;
  }

  @Override
  protected void processTextPosition(TextPosition text) {
    if (++glyphs > maxGlyphs) {
      throw new DocumentException(
          name,
          Problem.TOO_LARGE,
          "shows more than " + maxGlyphs + " characters of text (whitespace included)",
          null);
    }
    deadline.check();
    super.processTextPosition(text);
  }

  @Override
  protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
    deadline.check();
    super.processOperator(operator, operands);
  }
}
