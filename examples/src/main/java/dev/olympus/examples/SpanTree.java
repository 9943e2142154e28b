package dev.olympus.examples;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A span exporter that keeps finished spans and renders them as an indented tree, each child under
 * its parent in order of start: what a tracing back end shows, on the console. Thread-safe.
 */
public final class SpanTree implements SpanExporter {
  private static final AttributeKey<Long> INPUT = AttributeKey.longKey("gen_ai.usage.input_tokens");
  private static final AttributeKey<Long> OUTPUT =
      AttributeKey.longKey("gen_ai.usage.output_tokens");
  private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");

  private final List<SpanData> spans = new CopyOnWriteArrayList<>();

  @Override
  public CompletableResultCode export(Collection<SpanData> finished) {
    spans.addAll(finished);
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  /** The spans exported so far, one a line, children indented by two spaces under their parent. */
  public String render() {
    StringBuilder tree = new StringBuilder();
    childrenOf(SpanId.getInvalid()).forEach(root -> render(root, "", tree));
    return tree.toString();
  }

  private void render(SpanData span, String indent, StringBuilder tree) {
    tree.append(indent).append(span.getName()).append(details(span)).append('\n');
    childrenOf(span.getSpanId()).forEach(child -> render(child, indent + "  ", tree));
  }

  private List<SpanData> childrenOf(String parentId) {
    List<SpanData> children = new ArrayList<>();
    for (SpanData span : spans) {
      if (span.getParentSpanId().equals(parentId)) {
        children.add(span);
      }
    }
    children.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
    return children;
  }

  private static String details(SpanData span) {
    StringBuilder details = new StringBuilder();
    Long input = span.getAttributes().get(INPUT);
    if (input != null) {
      details.append(" (tokens in ").append(input);
      details.append(", out ").append(span.getAttributes().get(OUTPUT)).append(')');
    }
    String error = span.getAttributes().get(ERROR);
    if (error != null) {
      details.append(" [").append(error).append(']');
    }
    return details.toString();
  }
}
