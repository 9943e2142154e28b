package dev.olympus.tools.internal.documents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.FilterFactory;

/**
 * Measures, once a PDF is parsed and before its text is extracted, how far its streams decode with
 * every filter PDFBox knows (LZW as well as Flate, and after decryption), stopping at a limit:
 * PDFBox decodes a whole stream into memory whenever it is used. Image streams are skipped, as text
 * extraction never decodes them. Memory stays within the limit.
 */
final class PdfStreams {
  private static final Set<COSName> IMAGE_FILTERS =
      Set.of(COSName.DCT_DECODE, COSName.JPX_DECODE, COSName.JBIG2_DECODE, COSName.CCITTFAX_DECODE);

  private PdfStreams() {}

  /** Thrown internally once the limit is passed. */
  private static final class Exceeded extends IOException {
    private static final long serialVersionUID = 1L;

    Exceeded() {
      super(null, null);
    }
  }

  /** Returns the bytes the non-image streams of {@code document} decode to, or more than max. */
  static long decodedSize(COSDocument document, long max, ExtractionDeadline deadline)
      throws IOException {
    long total = 0;
    for (Map.Entry<COSObjectKey, Long> entry : document.getXrefTable().entrySet()) {
      deadline.check();
      // Objects inside object streams (negative offsets) are never streams themselves.
      if (entry.getValue() == null || entry.getValue() < 0 || total > max) {
        continue;
      }
      COSBase object = document.getObjectFromPool(entry.getKey()).getObject();
      if (object instanceof COSStream stream && !isImage(stream)) {
        total += decoded(stream, max - total + 1);
      }
    }
    return total;
  }

  private static boolean isImage(COSStream stream) {
    return COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))
        || filters(stream).stream().anyMatch(IMAGE_FILTERS::contains);
  }

  private static List<COSName> filters(COSStream stream) {
    COSBase filters = stream.getFilters();
    List<COSName> names = new ArrayList<>();
    if (filters instanceof COSName name) {
      names.add(name);
    } else if (filters instanceof COSArray array) {
      array.forEach(
          item -> names.add(item instanceof COSName name ? name : COSName.getPDFName("")));
    }
    return names;
  }

  /** The decoded size of {@code stream}, or {@code limit} if it is at least that. */
  private static long decoded(COSStream stream, long limit) throws IOException {
    List<COSName> filters = filters(stream);
    if (filters.isEmpty()) {
      return 0; // stored as is: no larger than the file
    }
    InputStream in = stream.createRawInputStream();
    try {
      for (int i = 0; i < filters.size(); i++) {
        Capped out = new Capped(limit);
        FilterFactory.INSTANCE.getFilter(filters.get(i)).decode(in, out, stream, i);
        in.close();
        in = new ByteArrayInputStream(out.toByteArray());
      }
      return in.available();
    } catch (Exceeded e) {
      return limit;
    } catch (IOException | RuntimeException unreadable) {
      return 0; // PDFBox reports what it cannot decode when the text is extracted
    } finally {
      in.close();
    }
  }

  /** Collects bytes until {@code limit}, then refuses more. */
  private static final class Capped extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final long limit;

    Capped(long limit) {
      this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
      if (bytes.size() + (long) length >= limit) {
        throw new Exceeded();
      }
      bytes.write(data, offset, length);
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }
}
