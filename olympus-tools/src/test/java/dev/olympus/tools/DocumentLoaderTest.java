package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static dev.olympus.tools.TestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.DocumentException.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentLoaderTest {
  @TempDir Path root;
  private final DocumentLoader loader = DocumentLoader.ofDefaults();

  /** Builds a PDF with one page per line of {@code pages}, titled {@code title}. */
  static byte[] pdf(String title, List<String> pages) throws IOException {
    return pdf(title, pages, null);
  }

  private static byte[] pdf(String title, List<String> pages, String userPassword)
      throws IOException {
    try (PDDocument document = new PDDocument()) {
      document.getDocumentInformation().setTitle(title);
      for (String line : pages) {
        PDPage page = new PDPage();
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.beginText();
          content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
          content.newLineAtOffset(72, 700);
          content.showText(line);
          content.endText();
        }
      }
      if (userPassword != null) {
        document.protect(
            new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission()));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    }
  }

  private static DocumentException refused(Problem problem, Runnable load) {
    DocumentException e = assertThrows(DocumentException.class, load::run);
    assertEquals(problem, e.problem(), e.getMessage());
    return e;
  }

  @Test
  void pdfTextPagesAndTitle() throws IOException {
    byte[] bytes = pdf("Q3 report", List.of("Revenue grew 12 percent.", "Costs fell."));
    DocumentText doc = loader.load("reports/q3.pdf", bytes);
    assertEquals(DocumentText.Format.PDF, doc.format());
    assertEquals(2, doc.pages());
    assertEquals(Optional.of("Q3 report"), doc.title());
    assertTrue(doc.text().contains("Revenue grew 12 percent."), doc.text());
    assertTrue(doc.text().contains("Costs fell."), doc.text());
  }

  @Test
  void malformedPdfsAreRefusedNamingTheFile() throws IOException {
    DocumentException notPdf =
        refused(Problem.MALFORMED, () -> loader.load("a.pdf", "hello".getBytes(UTF8)));
    assertTrue(notPdf.getMessage().contains("'a.pdf'"), notPdf.getMessage());
    assertTrue(notPdf.getMessage().contains("%PDF-"), notPdf.getMessage());
    byte[] garbage = "%PDF-1.7\n\u0001\u0002 this is not a pdf at all".getBytes(UTF8);
    refused(Problem.MALFORMED, () -> loader.load("b.pdf", garbage));
  }

  @Test
  void encryptedPdfIsRefused() throws IOException {
    byte[] bytes = pdf("secret", List.of("hidden"), "user-secret");
    DocumentException e = refused(Problem.ENCRYPTED, () -> loader.load("s.pdf", bytes));
    assertTrue(e.getMessage().contains("password"), e.getMessage());
  }

  @Test
  void tooManyPagesTooManyBytesOrTooMuchText() throws IOException {
    byte[] three = pdf("t", List.of("one", "two", "three"));
    DocumentLoader small = DocumentLoader.builder().maxPages(2).maxBytes(100_000).build();
    assertTrue(
        refused(Problem.TOO_LARGE, () -> small.load("t.pdf", three))
            .getMessage()
            .contains("3 pages, more than the limit of 2"));
    byte[] big = new byte[100_001];
    Arrays.fill(big, (byte) 'a');
    refused(Problem.TOO_LARGE, () -> small.load("big.txt", big));
    DocumentLoader short10 = DocumentLoader.builder().maxChars(10).build();
    refused(Problem.TOO_LARGE, () -> short10.load("n.md", "# eleven chars".getBytes(UTF8)));
  }

  @Test
  void htmlVisibleTextOneLinePerBlock() {
    String html =
        "<html><head><title>Team notes</title><style>p{color:red}</style></head><body>"
            + "<h1>Shipped</h1><p>Offline <b>search</b> &amp; citations.</p>"
            + "<script>alert('x')</script><ul><li>one</li><li>two</li></ul></body></html>";
    DocumentText doc = loader.load("notes.html", html.getBytes(UTF8));
    assertEquals(Optional.of("Team notes"), doc.title());
    assertEquals("Shipped\nOffline search & citations.\none\ntwo", doc.text());
  }

  @Test
  void markdownAndTextAreStrictUtf8() {
    DocumentText md = loader.load("plan.md", "# Plan\n\nShip it — soon.".getBytes(UTF8));
    assertEquals(Optional.of("Plan"), md.title());
    assertEquals("# Plan\n\nShip it — soon.", md.text());
    assertEquals(DocumentText.Format.TEXT, loader.load("README", "hi".getBytes(UTF8)).format());
    refused(Problem.MALFORMED, () -> loader.load("x.txt", new byte[] {(byte) 0xc3, 0x28}));
    refused(Problem.MALFORMED, () -> loader.load("x.md", new byte[] {'a', 0, 'b'}));
    refused(Problem.MALFORMED, () -> loader.load("x.html", new byte[] {'<', 0, '>'}));
    refused(Problem.UNSUPPORTED_FORMAT, () -> loader.load("x.exe", new byte[] {1}));
  }

  @Test
  void loadsAFileRefusingAnOversizedOneBeforeReading() throws IOException {
    Path file = Files.write(root.resolve("r.pdf"), pdf("r", List.of("from disk")));
    assertTrue(loader.load(file).text().contains("from disk"));
    DocumentLoader tiny = DocumentLoader.builder().maxBytes(10).build();
    refused(Problem.TOO_LARGE, () -> tiny.load(file));
  }

  @Test
  void aFileThatCannotBeReadIsATypedRefusalUnderToolException() {
    Path missing = root.resolve("missing.pdf");
    DocumentException e = refused(Problem.UNREADABLE, () -> loader.load(missing));
    assertTrue(e.getMessage().contains("missing.pdf"), e.getMessage());
    ToolException asTool = e;
    assertEquals("doc.read", asTool.toolId());
    assertFalse(asTool.retryable());
  }

  @Test
  void docReadIsSandboxedAndNamesTheProblem() throws IOException {
    Files.createDirectories(root.resolve("docs"));
    Files.write(root.resolve("docs/q3.pdf"), pdf("Q3", List.of("Revenue grew.")));
    Files.writeString(root.resolve("docs/broken.pdf"), "not a pdf");
    ToolRegistry tools =
        ToolRegistry.builder().add(DocumentTools.sandboxedAt(root.resolve("docs"))).build();
    JsonNode out = tools.invoke(ToolCall.of("doc.read", json("{'path':'q3.pdf'}")), context());
    assertEquals("PDF", out.get("format").asText());
    assertEquals("Q3", out.get("title").asText());
    assertEquals(1, out.get("pages").asInt());
    assertTrue(out.get("text").asText().contains("Revenue grew."));
    assertEquals(List.of("fs.read"), tools.find("doc.read").orElseThrow().spec().scopes());
    ToolExecutionException broken =
        assertThrows(
            ToolExecutionException.class,
            () -> tools.invoke(ToolCall.of("doc.read", json("{'path':'broken.pdf'}")), context()));
    assertTrue(broken.getMessage().contains("'broken.pdf'"), broken.getMessage());
    assertThrows(
        SandboxViolationException.class,
        () -> tools.invoke(ToolCall.of("doc.read", json("{'path':'../secret.md'}")), context()));
    Files.createSymbolicLink(root.resolve("docs/link.pdf"), root.resolve("docs/q3.pdf"));
    assertThrows(
        SandboxViolationException.class,
        () -> tools.invoke(ToolCall.of("doc.read", json("{'path':'link.pdf'}")), context()));
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
}
