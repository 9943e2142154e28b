package dev.olympus.testing.internal;

import java.util.List;
import java.util.Map;

/**
 * An HTTP response a fake server sends: status, headers, and the body in pieces (one piece for a
 * whole body; one line or event per piece for a stream).
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}
 * @param headers further headers
 * @param pieces the body, in the pieces it is written and flushed in
 * @param streamed whether the body is sent chunked, piece by piece
 */
public record WireResponse(
    int status,
    String contentType,
    Map<String, String> headers,
    List<String> pieces,
    boolean streamed) {
  /** Copies the collections. */
  public WireResponse {
    headers = Map.copyOf(headers);
    pieces = List.copyOf(pieces);
  }

  /** A whole JSON body. */
  public static WireResponse json(int status, Object body) {
    return new WireResponse(status, "application/json", Map.of(), List.of(body.toString()), false);
  }

  /** This response with header {@code name} set to {@code value}. */
  public WireResponse withHeader(String name, String value) {
    Map<String, String> more = new java.util.HashMap<>(headers);
    more.put(name, value);
    return new WireResponse(status, contentType, more, pieces, streamed);
  }
}
