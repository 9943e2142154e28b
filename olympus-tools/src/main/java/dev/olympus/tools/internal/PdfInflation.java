package dev.olympus.tools.internal;

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
  private static final int DICTIONARY_WINDOW = 64 * 1024;

  private PdfInflation() {}

  /** Returns the bytes the non-image deflated streams inflate to, or more than {@code max}. */
  static long inflatedSize(byte[] pdf, long max) {
    String text = new String(pdf, StandardCharsets.ISO_8859_1);
    Matcher stream = STREAM.matcher(text);
    long total = 0;
    int searchFrom = 0;
    while (total <= max && stream.find(searchFrom)) {
      searchFrom = stream.end();
      if (!isImage(text, stream.start())) {
        total += inflate(pdf, stream.end(), max - total + 1);
      }
    }
    return total;
  }

  /** Whether the dictionary before the {@code stream} keyword at {@code at} is an image's. */
  private static boolean isImage(String text, int at) {
    int from = Math.max(0, at - DICTIONARY_WINDOW);
    int obj = text.lastIndexOf("obj", at);
    String dictionary = text.substring(Math.max(from, obj < 0 ? from : obj), at);
    return IMAGE.matcher(dictionary).find();
  }

  /** Inflates the zlib data at {@code offset}, counting at most {@code limit} bytes; 0 if none. */
  private static long inflate(byte[] pdf, int offset, long limit) {
    Inflater inflater = new Inflater();
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
    } finally {
      inflater.end();
    }
  }
}
