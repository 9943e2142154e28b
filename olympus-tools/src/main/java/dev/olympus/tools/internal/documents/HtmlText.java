package dev.olympus.tools.internal.documents;

import dev.olympus.tools.DocumentText;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** HTML through jsoup: the visible text, one line per block element; scripts and styles dropped. */
final class HtmlText {
  private HtmlText() {}

  static DocumentText extract(String name, byte[] content) {
    Document document = Jsoup.parse(PlainText.decode(name, content));
    String title = document.title().strip();
    document.select("script, style, noscript, template").remove();
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(new Lines(out), document.body());
    return new DocumentText(
        name,
        DocumentText.Format.HTML,
        title.isEmpty() ? Optional.empty() : Optional.of(title),
        TextExtraction.collapse(out.toString()),
        1);
  }

  /** Appends text nodes, with a line break around every block element and at each {@code br}. */
  private record Lines(StringBuilder out) implements NodeVisitor {
    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode text) {
        out.append(text.text());
      } else if (node instanceof Element element && (element.isBlock() || element.nameIs("br"))) {
        out.append('\n');
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element element && element.isBlock()) {
        out.append('\n');
      }
    }
  }
}
