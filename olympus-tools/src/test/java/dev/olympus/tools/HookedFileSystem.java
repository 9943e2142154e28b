package dev.olympus.tools;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform's own file system with a hook that runs once just before a chosen operation on a
 * chosen name, so a test can change the real files at the exact moment between a tool's check and
 * its action (what the race tests wait for by chance), or make that operation fail as a full disk
 * or a denied permission would. Everything else goes straight to the default provider: the files,
 * the no-follow opens and their errors are the operating system's.
 */
final class HookedFileSystem extends FileSystem {
  /** The operations a hook can precede. */
  enum Op {
    /** A directory-relative open of a file. */
    OPEN,
    /** A directory-relative open of a directory. */
    OPEN_DIRECTORY,
    /** A directory-relative rename, named by its target. */
    MOVE,
    /** A write to a channel opened for writing, named by the file. */
    WRITE,
    /** A look-up of attributes by path (not through a directory handle), named by the file. */
    ATTRIBUTES
  }

  /** What a hook does; it may change files or throw the failure the operation should see. */
  interface Action {
    void run() throws IOException;
  }

  private final FileSystem real = FileSystems.getDefault();
  private final Provider provider = new Provider();
  private final Map<String, Action> hooks = new ConcurrentHashMap<>();

  /** Returns {@code path} (of the default file system) as a path of this one. */
  Path wrap(Path path) {
    return path == null ? null : new HookedPath(path);
  }

  /**
   * Runs {@code action} once, just before the next {@code op} on a file whose name starts with
   * {@code prefix}.
   */
  void before(Op op, String prefix, Action action) {
    hooks.put(op + " " + prefix, action);
  }

  /** Whether every hook set has run. */
  boolean allRan() {
    return hooks.isEmpty();
  }

  private void fire(Op op, Path name) throws IOException {
    Path file = name == null ? null : unwrap(name).getFileName();
    for (String key : hooks.keySet()) {
      if (file != null && (op + " " + file).startsWith(key)) {
        Action action = hooks.remove(key);
        if (action != null) {
          action.run();
        }
        return;
      }
    }
  }

  /** An operation of the default provider that a hook precedes. */
  private interface Call<T> {
    T run() throws IOException;
  }

  /** Runs the hook set for {@code op} on {@code name}, if any, then {@code call}. */
  private <T> T hooked(Op op, Path name, Call<T> call) throws IOException {
    fire(op, name);
    return call.run();
  }

  /** Opens {@code path} after the {@link Op#OPEN} hook; a channel for writing runs write hooks. */
  private SeekableByteChannel open(
      Path path, Set<? extends OpenOption> options, Call<SeekableByteChannel> open)
      throws IOException {
    return writes(path, options, hooked(Op.OPEN, path, open));
  }

  private static Path unwrap(Path path) {
    return path instanceof HookedPath hooked ? hooked.real : path;
  }

  @Override
  public FileSystemProvider provider() {
    return provider;
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("the default file system cannot be closed");
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public String getSeparator() {
    return real.getSeparator();
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    return () -> wrapAll(real.getRootDirectories().iterator());
  }

  private Iterator<Path> wrapAll(Iterator<Path> paths) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return paths.hasNext();
      }

      @Override
      public Path next() {
        return wrap(paths.next());
      }
    };
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return real.getFileStores();
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return real.supportedFileAttributeViews();
  }

  @Override
  public Path getPath(String first, String... more) {
    return wrap(real.getPath(first, more));
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    return real.getPathMatcher(syntaxAndPattern);
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    return real.getUserPrincipalLookupService();
  }

  @Override
  public WatchService newWatchService() throws IOException {
    return real.newWatchService();
  }

  /** A path of the default file system that answers to this one. */
  private final class HookedPath implements Path {
    private final Path real;

    HookedPath(Path real) {
      this.real = real;
    }

    @Override
    public FileSystem getFileSystem() {
      return HookedFileSystem.this;
    }

    @Override
    public boolean isAbsolute() {
      return real.isAbsolute();
    }

    @Override
    public Path getRoot() {
      return wrap(real.getRoot());
    }

    @Override
    public Path getFileName() {
      return wrap(real.getFileName());
    }

    @Override
    public Path getParent() {
      return wrap(real.getParent());
    }

    @Override
    public int getNameCount() {
      return real.getNameCount();
    }

    @Override
    public Path getName(int index) {
      return wrap(real.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
      return wrap(real.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
      return real.startsWith(unwrap(other));
    }

    @Override
    public boolean endsWith(Path other) {
      return real.endsWith(unwrap(other));
    }

    @Override
    public Path normalize() {
      return wrap(real.normalize());
    }

    @Override
    public Path resolve(Path other) {
      return wrap(real.resolve(unwrap(other)));
    }

    @Override
    public Path relativize(Path other) {
      return wrap(real.relativize(unwrap(other)));
    }

    @Override
    public URI toUri() {
      return real.toUri();
    }

    @Override
    public Path toAbsolutePath() {
      return wrap(real.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
      return wrap(real.toRealPath(options));
    }

    @Override
    public WatchKey register(
        WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
      throw new UnsupportedOperationException("not watched in tests");
    }

    @Override
    public int compareTo(Path other) {
      return real.compareTo(unwrap(other));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof HookedPath path && real.equals(path.real);
    }

    @Override
    public int hashCode() {
      return real.hashCode();
    }

    @Override
    public String toString() {
      return real.toString();
    }
  }

  /** The default provider, with directory streams and writes that run the hooks. */
  private final class Provider extends FileSystemProvider {
    private final FileSystemProvider real = HookedFileSystem.this.real.provider();

    @Override
    public String getScheme() {
      return "hooked";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
      throw new UnsupportedOperationException("made by the test");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
      throw new UnsupportedOperationException("made by the test");
    }

    @Override
    public Path getPath(URI uri) {
      return wrap(real.getPath(uri));
    }

    @Override
    public SeekableByteChannel newByteChannel(
        Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
        throws IOException {
      return open(path, options, () -> real.newByteChannel(unwrap(path), options, attrs));
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(
        Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
      DirectoryStream<Path> stream = real.newDirectoryStream(unwrap(dir), filter);
      return stream instanceof SecureDirectoryStream<Path> secure
          ? new HookedDirectory(secure)
          : stream;
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
      real.createDirectory(unwrap(dir), attrs);
    }

    @Override
    public void delete(Path path) throws IOException {
      real.delete(unwrap(path));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
      real.copy(unwrap(source), unwrap(target), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
      real.move(unwrap(source), unwrap(target), options);
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
      return real.isSameFile(unwrap(path), unwrap(path2));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
      return real.isHidden(unwrap(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
      return real.getFileStore(unwrap(path));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
      real.checkAccess(unwrap(path), modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(
        Path path, Class<V> type, LinkOption... options) {
      return real.getFileAttributeView(unwrap(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(
        Path path, Class<A> type, LinkOption... options) throws IOException {
      return real.readAttributes(unwrap(path), type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
        throws IOException {
      return hooked(
          Op.ATTRIBUTES, path, () -> real.readAttributes(unwrap(path), attributes, options));
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
        throws IOException {
      real.setAttribute(unwrap(path), attribute, value, options);
    }
  }

  /** Wraps a channel opened for writing so its writes run the {@link Op#WRITE} hook first. */
  private SeekableByteChannel writes(
      Path path, Set<? extends OpenOption> options, SeekableByteChannel channel) {
    if (!options.contains(StandardOpenOption.WRITE)) {
      return channel;
    }
    return new SeekableByteChannel() {
      @Override
      public int write(ByteBuffer source) throws IOException {
        return hooked(Op.WRITE, path, () -> channel.write(source));
      }

      @Override
      public int read(ByteBuffer destination) throws IOException {
        return channel.read(destination);
      }

      @Override
      public long position() throws IOException {
        return channel.position();
      }

      @Override
      public SeekableByteChannel position(long position) throws IOException {
        channel.position(position);
        return this;
      }

      @Override
      public long size() throws IOException {
        return channel.size();
      }

      @Override
      public SeekableByteChannel truncate(long size) throws IOException {
        channel.truncate(size);
        return this;
      }

      @Override
      public boolean isOpen() {
        return channel.isOpen();
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  /** A directory handle of the default provider whose opens and renames run the hooks first. */
  private final class HookedDirectory implements SecureDirectoryStream<Path> {
    private final SecureDirectoryStream<Path> real;

    HookedDirectory(SecureDirectoryStream<Path> real) {
      this.real = real;
    }

    @Override
    public Iterator<Path> iterator() {
      return real.iterator();
    }

    @Override
    public void close() throws IOException {
      real.close();
    }

    @Override
    public SecureDirectoryStream<Path> newDirectoryStream(Path path, LinkOption... options)
        throws IOException {
      return hooked(
          Op.OPEN_DIRECTORY,
          path,
          () -> new HookedDirectory(real.newDirectoryStream(unwrap(path), options)));
    }

    @Override
    public SeekableByteChannel newByteChannel(
        Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
        throws IOException {
      return open(path, options, () -> real.newByteChannel(unwrap(path), options, attrs));
    }

    @Override
    public void deleteFile(Path path) throws IOException {
      real.deleteFile(unwrap(path));
    }

    @Override
    public void deleteDirectory(Path path) throws IOException {
      real.deleteDirectory(unwrap(path));
    }

    @Override
    public void move(Path source, SecureDirectoryStream<Path> targetDir, Path target)
        throws IOException {
      SecureDirectoryStream<Path> to =
          targetDir instanceof HookedDirectory hooked ? hooked.real : targetDir;
      hooked(
          Op.MOVE,
          target,
          () -> {
            real.move(unwrap(source), to, unwrap(target));
            return null;
          });
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Class<V> type) {
      return real.getFileAttributeView(type);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(
        Path path, Class<V> type, LinkOption... options) {
      return real.getFileAttributeView(unwrap(path), type, options);
    }
  }
}
