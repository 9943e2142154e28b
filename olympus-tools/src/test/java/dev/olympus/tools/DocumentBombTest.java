package dev.olympus.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.tools.DocumentException.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.FilterFactory;
import org.junit.jupiter.api.Test;

/** Hostile PDFs, generated here, are refused within bounded memory and time. */
class DocumentBombTest {
  private static final Duration HANG = Duration.ofSeconds(90);

  /** A one-page PDF whose content stream is {@code deflated} (a zlib stream), xref included. */
  static byte[] pdfWithContent(byte[] deflated) {
    return pdfWithContent("FlateDecode", deflated);
  }

  /** A one-page PDF whose content stream is {@code encoded} with {@code filter}. */
  static byte[] pdfWithContent(String filter, byte[] encoded) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Integer> offsets = new java.util.ArrayList<>();
    write(out, "%PDF-1.7\n");
    String[] objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"
    };
    for (int i = 0; i < objects.length; i++) {
      offsets.add(out.size());
      write(out, (i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n");
    }
    offsets.add(out.size());
    write(out, "4 0 obj\n<< /Length " + encoded.length + " /Filter /" + filter + " >>\nstream\n");
    out.writeBytes(encoded);
    write(out, "\nendstream\nendobj\n");
    int xref = out.size();
    write(out, "xref\n0 5\n0000000000 65535 f \n");
    offsets.forEach(offset -> write(out, String.format("%010d 00000 n \n", offset)));
    write(out, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Deflates {@code prefix}, then {@code count} spaces, then {@code suffix}, never all in memory.
   */
  static byte[] deflate(String prefix, long count, String suffix) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    feed(deflater, prefix.getBytes(StandardCharsets.ISO_8859_1), out, buffer);
    byte[] spaces = new byte[1 << 20];
    Arrays.fill(spaces, (byte) ' ');
    for (long left = count; left > 0; left -= spaces.length) {
      feed(deflater, Arrays.copyOf(spaces, (int) Math.min(left, spaces.length)), out, buffer);
    }
    feed(deflater, suffix.getBytes(StandardCharsets.ISO_8859_1), out, buffer);
    deflater.finish();
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  private static void feed(Deflater deflater, byte[] input, ByteArrayOutputStream out, byte[] buf) {
    deflater.setInput(input);
    while (!deflater.needsInput()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
  }

  private static DocumentException refused(DocumentLoader loader, byte[] pdf) {
    return assertTimeoutPreemptively(
        HANG, () -> assertThrows(DocumentException.class, () -> loader.load("bomb.pdf", pdf)));
  }

  @Test
  void aContentStreamThatInflatesToAGibibyteIsRefusedBeforeParsing() {
    byte[] pdf = pdfWithContent(deflate("", 1L << 30, ""));
    assertTrue(pdf.length < 4 << 20, "the bomb is " + pdf.length + " bytes");
    DocumentException e = refused(DocumentLoader.ofDefaults(), pdf);
    assertEquals(Problem.TOO_LARGE, e.problem(), e.getMessage());
    assertTrue(e.getMessage().contains("inflate to more than " + (128L << 20)), e.getMessage());
  }

  @Test
  void anLzwStreamThatDecodesPastTheLimitIsRefusedBeforeExtraction() throws Exception {
    byte[] spaces = new byte[1 << 20];
    Arrays.fill(spaces, (byte) ' ');
    ByteArrayOutputStream lzw = new ByteArrayOutputStream();
    FilterFactory.INSTANCE
        .getFilter(COSName.LZW_DECODE)
        .encode(new ByteArrayInputStream(spaces), lzw, new COSDictionary(), 0);
    byte[] pdf = pdfWithContent("LZWDecode", lzw.toByteArray());
    assertTrue(pdf.length < spaces.length / 20, "the bomb is " + pdf.length + " bytes");
    DocumentException e = refused(DocumentLoader.builder().maxDecodedBytes(100_000).build(), pdf);
    assertEquals(Problem.TOO_LARGE, e.problem(), e.getMessage());
    assertTrue(e.getMessage().contains("decode to more than 100000"), e.getMessage());
  }

  @Test
  void aMegabyteOfShownWhitespaceStopsAtTheCharacterLimit() {
    byte[] pdf = pdfWithContent(deflate("BT /F1 12 Tf 10 700 Td (", 1 << 20, ") Tj ET"));
    DocumentException e = refused(DocumentLoader.builder().maxChars(100_000).build(), pdf);
    assertEquals(Problem.TOO_LARGE, e.problem(), e.getMessage());
    assertTrue(e.getMessage().contains("more than 100000 characters"), e.getMessage());
  }

  @Test
  void extractionStopsAtItsTimeLimit() throws Exception {
    byte[] pdf = DocumentLoaderTest.pdf("t", List.of("a page of text"));
    DocumentLoader hurried = DocumentLoader.builder().timeout(Duration.ofNanos(1)).build();
    DocumentException e = refused(hurried, pdf);
    assertEquals(Problem.TOO_LARGE, e.problem(), e.getMessage());
    assertTrue(e.getMessage().contains("needs more than"), e.getMessage());
  }

  @Test
  void theLimitsLetAnOrdinaryDocumentThrough() {
    byte[] pdf = pdfWithContent(deflate("BT /F1 12 Tf 10 700 Td (ordinary", 10, "text) Tj ET"));
    DocumentText text = DocumentLoader.ofDefaults().load("ok.pdf", pdf);
    assertEquals("ordinary          text", text.text());
  }
}
