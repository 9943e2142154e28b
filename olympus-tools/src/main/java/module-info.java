/**
 * Olympus tools: the {@link dev.olympus.tools.Tool} SPI, the {@link
 * dev.olympus.tools.ToolRegistry}, consent ({@link dev.olympus.tools.ConsentGate}), rate limits,
 * the built-in sandboxed filesystem, HTTP, code ({@code code.run}) and browser ({@code web.browse})
 * tools, and document loaders (PDF, HTML, Markdown, text) with the {@code doc.read} tool.
 */
module dev.olympus.tools {
  requires transitive com.fasterxml.jackson.databind;
  requires transitive dev.olympus.plan;
  requires java.desktop; // java.awt.Desktop for desktop.open
  requires java.net.http;
  requires org.slf4j;
  requires com.networknt.schema;
  requires com.github.victools.jsonschema.generator;
  requires com.github.victools.jsonschema.module.jackson;
  requires org.apache.pdfbox;
  requires org.apache.pdfbox.io;
  requires org.apache.commons.logging; // PDFBox logs through it; an automatic module cannot say so
  requires org.jsoup;

  exports dev.olympus.tools;
}
