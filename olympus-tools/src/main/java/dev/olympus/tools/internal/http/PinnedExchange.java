package dev.olympus.tools.internal.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 exchange over a connection to an address the {@link SsrfGuard} checked: the host
 * name is never resolved again, so a DNS answer that changes after the check (rebinding) cannot
 * send the request elsewhere. HTTPS verifies the server's certificate against the host name (SNI
 * and endpoint identification, as the JDK's client does). The whole exchange, connect included,
 * ends by a deadline: reads wait no longer than the time left, and a watchdog closes the connection
 * when the deadline passes, which also ends a TLS handshake or a write the peer never answers or
 * reads (neither obeys a read timeout). {@link #abort} (from another thread) closes the connection.
 * One instance per exchange; not thread-safe except for {@code abort}.
 */
final class PinnedExchange implements AutoCloseable {
  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final long UNTIL_CLOSED = Long.MAX_VALUE;
  // SNI names a host, never an address: IPv6 literals hold ':', IPv4 ones are four numbers.
  private static final Pattern IP_LITERAL = Pattern.compile(".*:.*|[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  /** What is sent: the method, the URL, and for POST a body with its content type. */
  record Request(String method, URI uri, byte[] body, String contentType) {}

  /** What came back: the status, the headers (lower-case names, first value) and the body read. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name));
    }
  }

  private final SSLSocketFactory tls;
  private final long deadline;
  private final ScheduledExecutorService watchdog;
  private volatile Socket socket;
  private volatile boolean expired;

  /**
   * Prepares an exchange that must end {@code timeout} from now, using {@code tls} for HTTPS and
   * {@code watchdog} to close the connection at the deadline.
   */
  PinnedExchange(SSLSocketFactory tls, Duration timeout, ScheduledExecutorService watchdog) {
    this.tls = tls;
    this.deadline = System.nanoTime() + timeout.toNanos();
    this.watchdog = watchdog;
  }

  /**
   * Sends {@code request} to {@code target} and reads the answer, keeping at most {@code
   * keep.applyAsLong(status)} body bytes.
   *
   * @throws SocketTimeoutException if the deadline passes
   * @throws IOException if the connection fails or the answer is malformed
   */
  Response send(Request request, SsrfGuard.Target target, IntToLongFunction keep)
      throws IOException {
    ScheduledFuture<?> expiry =
        watchdog.schedule(this::expire, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    try {
      return exchange(request, target, keep);
    } catch (IOException e) {
      if (expired) {
        throw (SocketTimeoutException)
            new SocketTimeoutException("the deadline passed").initCause(e);
      }
      throw e;
    } finally {
      expiry.cancel(false);
    }
  }

  private void expire() {
    expired = true;
    close();
  }

  private Response exchange(Request request, SsrfGuard.Target target, IntToLongFunction keep)
      throws IOException {
    socket = connect(target, request.uri());
    OutputStream out = socket.getOutputStream();
    out.write(head(request));
    out.write(request.body());
    out.flush();
    return read(new Deadlined(socket.getInputStream()), request.method(), keep);
  }

  private Socket connect(SsrfGuard.Target target, URI uri) throws IOException {
    IOException last = null;
    for (InetAddress address : target.addresses()) {
      Socket plain = new Socket(Proxy.NO_PROXY);
      socket = plain;
      try {
        plain.connect(new InetSocketAddress(address, target.port()), remainingMillis());
        return "https".equalsIgnoreCase(uri.getScheme()) ? tls(plain, target) : plain;
      } catch (IOException e) {
        plain.close();
        last = e;
      }
    }
    throw last == null ? new IOException("no address to connect to") : last;
  }

  private Socket tls(Socket plain, SsrfGuard.Target target) throws IOException {
    SSLSocket secure = (SSLSocket) tls.createSocket(plain, target.host(), target.port(), true);
    SSLParameters parameters = secure.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (!IP_LITERAL.matcher(target.host()).matches()) {
      parameters.setServerNames(List.of(new SNIHostName(target.host())));
    }
    secure.setSSLParameters(parameters);
    secure.startHandshake();
    return secure;
  }

  private static byte[] head(Request request) {
    URI uri = URI.create(request.uri().toASCIIString());
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    StringBuilder head = new StringBuilder();
    head.append(request.method()).append(' ').append(path).append(query).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(uri.getRawAuthority()).append("\r\n");
    head.append("User-Agent: olympus-tools\r\nAccept-Encoding: identity\r\nConnection: close\r\n");
    if (request.method().equals("POST")) {
      head.append("Content-Type: ").append(request.contentType()).append("\r\n");
      head.append("Content-Length: ").append(request.body().length).append("\r\n");
    }
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private Response read(InputStream in, String method, IntToLongFunction keep) throws IOException {
    int[] budget = {MAX_HEAD_BYTES};
    int status;
    Map<String, String> headers;
    do {
      status = status(line(in, budget));
      headers = headers(in, budget);
    } while (status >= 100 && status < 200);
    long kept = keep.applyAsLong(status);
    boolean empty = method.equals("HEAD") || status == 204 || status == 304 || kept == 0;
    return new Response(status, headers, empty ? new byte[0] : body(in, headers, kept));
  }

  private static int status(String line) throws IOException {
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[0-9]{3}")) {
      throw new IOException("malformed status line from the server");
    }
    return Integer.parseInt(parts[1]);
  }

  private static Map<String, String> headers(InputStream in, int[] budget) throws IOException {
    Map<String, String> headers = new TreeMap<>();
    for (String line = line(in, budget); !line.isEmpty(); line = line(in, budget)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        headers.putIfAbsent(name, line.substring(colon + 1).strip());
      }
    }
    return headers;
  }

  private static byte[] body(InputStream in, Map<String, String> headers, long keep)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
    if (encoding.contains("chunked")) {
      int[] budget = {MAX_HEAD_BYTES};
      for (long size = chunkSize(line(in, budget)); size > 0; size = chunkSize(line(in, budget))) {
        if (!copy(in, body, size, keep)) {
          break;
        }
        line(in, budget);
      }
    } else if (headers.containsKey("content-length")) {
      copy(in, body, contentLength(headers.get("content-length")), keep);
    } else {
      copy(in, body, UNTIL_CLOSED, keep);
    }
    return body.toByteArray();
  }

  private static long chunkSize(String line) throws IOException {
    String size = line.split(";", 2)[0].strip();
    try {
      return Long.parseLong(size, 16);
    } catch (NumberFormatException e) {
      throw new IOException("malformed chunk size from the server", e);
    }
  }

  private static long contentLength(String value) throws IOException {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IOException("malformed Content-Length from the server", e);
    }
  }

  /** Copies up to {@code length} bytes while {@code body} holds fewer than {@code keep}. */
  private static boolean copy(InputStream in, ByteArrayOutputStream body, long length, long keep)
      throws IOException {
    byte[] buffer = new byte[8192];
    long left = length;
    while (left > 0 && body.size() < keep) {
      int want = (int) Math.min(buffer.length, Math.min(left, keep - body.size()));
      int read = in.read(buffer, 0, want);
      if (read < 0 && length != UNTIL_CLOSED) {
        throw new IOException("the server closed the connection before the end of the body");
      }
      if (read < 0) {
        return false;
      }
      body.write(buffer, 0, read);
      left -= read;
    }
    return body.size() < keep;
  }

  /** Reads one CRLF- (or LF-) terminated line of the head, charging it to {@code budget}. */
  private static String line(InputStream in, int[] budget) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the server closed the connection in the middle of the head");
      }
      if (--budget[0] < 0) {
        throw new IOException("the response head is larger than " + MAX_HEAD_BYTES + " bytes");
      }
      line.append((char) c);
    }
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
  }

  private int remainingMillis() throws SocketTimeoutException {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new SocketTimeoutException("the deadline passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }

  /** Closes the connection, making a blocked read or connect fail at once. */
  void abort() {
    close();
  }

  @Override
  public void close() {
    Socket open = socket;
    if (open != null) {
      try {
        open.close();
      } catch (IOException ignored) {
        // Closing is all that was wanted.
      }
    }
  }

  /** Applies the time left to every read, so a trickling server cannot outlast the deadline. */
  private final class Deadlined extends FilterInputStream {
    private final byte[] one = new byte[1];

    Deadlined(InputStream in) {
      super(new BufferedInputStream(in));
    }

    @Override
    public int read() throws IOException {
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      socket.setSoTimeout(remainingMillis());
      return super.read(buffer, offset, length);
    }
  }
}
