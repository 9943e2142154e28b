package dev.olympus.tools.internal.documents;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Measures, on the raw bytes and before any PDF library sees them, how far a PDF's deflated streams
 * inflate, stopping as soon as a limit is passed: a few megabytes of deflate can expand to
 * gigabytes, and a PDF library inflates a whole stream into memory at once, while loading (object
 * and cross-reference streams) or while extracting text (content streams, fonts). Image streams are
 * skipped, as text extraction never decodes them. Uses a fixed buffer, whatever the PDF says.
 */
final class PdfInflation {
  private static final Pattern STREAM = Pattern.compile("(?<!end)stream\r?\n");
  private static final Pattern IMAGE = Pattern.compile("/Subtype\\s*/Image(?![A-Za-z])");
  private static final int DICTIONARY_WINDOW = 4 * 1024;

  private PdfInflation() {}

  /** Returns the bytes the non-image deflated streams inflate to, or more than {@code max}. */
  static long inflatedSize(byte[] pdf, long max, ExtractionDeadline deadline) {
    String text = new String(pdf, StandardCharsets.ISO_8859_1);
    Matcher stream = STREAM.matcher(text);
    Matcher image = IMAGE.matcher(text);
    Inflater inflater = new Inflater();
    try {
      long total = 0;
      int previous = 0;
      while (total <= max && stream.find()) {
        deadline.check();
        // The dictionary sits just before the keyword; windows never overlap, so the scan is
        // linear.
        int from = Math.max(previous, stream.start() - DICTIONARY_WINDOW);
        previous = stream.end();
        if (!image.region(from, stream.start()).find()) {
          inflater.reset();
          total += inflate(inflater, pdf, stream.end(), max - total + 1);
        }
      }
      return total;
    } finally {
      inflater.end();
    }
  }

  /** Inflates the zlib data at {@code offset}, counting at most {@code limit} bytes; 0 if none. */
  private static long inflate(Inflater inflater, byte[] pdf, int offset, long limit) {
    try {
      inflater.setInput(pdf, offset, pdf.length - offset);
      byte[] buffer = new byte[64 * 1024];
      long produced = 0;
      while (produced < limit && !inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        produced += n;
      }
      return produced;
    } catch (DataFormatException notDeflate) {
      return inflater.getBytesWritten();
    }
  }
}
