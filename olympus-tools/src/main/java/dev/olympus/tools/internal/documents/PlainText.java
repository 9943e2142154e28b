package dev.olympus.tools.internal.documents;

import dev.olympus.tools.DocumentException;
import dev.olympus.tools.DocumentException.Problem;
import dev.olympus.tools.DocumentText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Markdown and plain text: strict UTF-8, no NUL bytes; Markdown's first heading is its title. */
final class PlainText {
  private PlainText() {}

  static DocumentText extract(String name, DocumentText.Format format, byte[] content) {
    String text = decode(name, content);
    Optional<String> title =
        format == DocumentText.Format.MARKDOWN
            ? text.lines()
                .filter(line -> line.startsWith("# "))
                .map(line -> line.substring(2).strip())
                .findFirst()
            : Optional.empty();
    return new DocumentText(name, format, title, text, 1);
  }

  /** Decodes UTF-8 (dropping a byte order mark), refusing invalid bytes and binary content. */
  static String decode(String name, byte[] content) {
    for (byte b : content) {
      if (b == 0) {
        throw new DocumentException(
            name, Problem.MALFORMED, "contains NUL bytes; it is binary, not text", null);
      }
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
      return text.startsWith("\ufeff") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new DocumentException(name, Problem.MALFORMED, "is not valid UTF-8 text", e);
    }
  }
}
