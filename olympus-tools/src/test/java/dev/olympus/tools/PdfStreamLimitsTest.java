package dev.olympus.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.tools.DocumentException.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.FilterFactory;
import org.junit.jupiter.api.Test;

/**
 * The decoded-size limit over all of a PDF's streams: summed across streams, exact at the limit,
 * and applied through filter chains (LZW, which the inflation pre-check does not see).
 */
class PdfStreamLimitsTest {
  private static final int MAX = 100_000;
  private static final DocumentLoader LOADER =
      DocumentLoader.builder().maxDecodedBytes(MAX).build();

  /** A one-page PDF whose content streams are {@code streams}: each a filter entry and bytes. */
  private static byte[] pdf(List<String> filters, List<byte[]> streams) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Integer> offsets = new ArrayList<>();
    write(out, "%PDF-1.7\n");
    StringBuilder contents = new StringBuilder();
    for (int i = 0; i < streams.size(); i++) {
      contents.append(4 + i).append(" 0 R ");
    }
    String[] objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [" + contents + "] >>"
    };
    for (int i = 0; i < objects.length; i++) {
      offsets.add(out.size());
      write(out, (i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n");
    }
    for (int i = 0; i < streams.size(); i++) {
      offsets.add(out.size());
      byte[] encoded = streams.get(i);
      write(out, (4 + i) + " 0 obj\n<< /Length " + encoded.length + " /Filter " + filters.get(i));
      write(out, " >>\nstream\n");
      out.writeBytes(encoded);
      write(out, "\nendstream\nendobj\n");
    }
    int xref = out.size();
    int size = offsets.size() + 1;
    write(out, "xref\n0 " + size + "\n0000000000 65535 f \n");
    offsets.forEach(offset -> write(out, String.format("%010d 00000 n \n", offset)));
    write(out, "trailer\n<< /Size " + size + " /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static byte[] lzwSpaces(int count) throws IOException {
    ByteArrayOutputStream lzw = new ByteArrayOutputStream();
    FilterFactory.INSTANCE
        .getFilter(COSName.LZW_DECODE)
        .encode(
            new ByteArrayInputStream(" ".repeat(count).getBytes()), lzw, new COSDictionary(), 0);
    return lzw.toByteArray();
  }

  private static void assertRefused(byte[] pdf) {
    DocumentException e = assertThrows(DocumentException.class, () -> LOADER.load("s.pdf", pdf));
    assertEquals(Problem.TOO_LARGE, e.problem(), e.getMessage());
    assertTrue(e.getMessage().contains("decode to more than " + MAX), e.getMessage());
  }

  @Test
  void streamsExactlyAtTheLimitTogetherAreAccepted() throws IOException {
    byte[] pdf =
        pdf(List.of("/LZWDecode", "/LZWDecode"), List.of(lzwSpaces(MAX - 10), lzwSpaces(10)));
    assertEquals("", LOADER.load("s.pdf", pdf).text());
  }

  @Test
  void aByteMoreThanTheLimitOverSeveralStreamsIsRefused() throws IOException {
    assertRefused(pdf(List.of("/LZWDecode", "/LZWDecode"), List.of(lzwSpaces(MAX), lzwSpaces(1))));
    assertRefused(
        pdf(
            List.of("/LZWDecode", "/LZWDecode", "/LZWDecode"),
            List.of(lzwSpaces(MAX / 2), lzwSpaces(MAX / 2), lzwSpaces(1))));
  }

  @Test
  void aFilterChainIsDecodedToTheEnd() throws IOException {
    byte[] hex = (HexFormat.of().formatHex(lzwSpaces(MAX + 1)) + ">").getBytes();
    assertRefused(pdf(List.of("[/ASCIIHexDecode /LZWDecode]"), List.of(hex)));
    assertRefused(pdf(List.of("[/LZWDecode]"), List.of(lzwSpaces(MAX + 1))));
    byte[] small = (HexFormat.of().formatHex(lzwSpaces(MAX)) + ">").getBytes();
    assertEquals(
        "",
        LOADER.load("s.pdf", pdf(List.of("[/ASCIIHexDecode /LZWDecode]"), List.of(small))).text());
  }
}
