package dev.olympus.tools.internal.fs;

import dev.olympus.tools.Tool;
import java.nio.file.Path;
import java.util.List;

/** Creates the file tools over one sandbox. */
public final class FileToolSet {
  private FileToolSet() {}

  /** Returns the file tools rooted at {@code root}. */
  public static List<Tool> create(Path root, FsLimits limits, boolean readOnly) {
    Sandbox sandbox = Sandbox.at(root);
    List<Tool> reading = List.of(new FsRead(sandbox, limits), new FsList(sandbox, limits));
    if (readOnly) {
      return reading;
    }
    return List.of(
        reading.get(0),
        reading.get(1),
        new FsWrite(sandbox, limits),
        new FsDelete(sandbox, limits),
        new FsMove(sandbox, limits));
  }
}
