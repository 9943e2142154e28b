package dev.olympus.tools.internal.desktop;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.tools.Resource;
import dev.olympus.tools.Risk;
import dev.olympus.tools.SandboxViolationException;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.internal.Json;
import dev.olympus.tools.internal.fs.FsLimits;
import dev.olympus.tools.internal.fs.FsTool;
import dev.olympus.tools.internal.fs.Sandbox;
import dev.olympus.tools.internal.fs.SandboxPath;
import dev.olympus.tools.internal.http.SsrfGuard;
import dev.olympus.tools.internal.http.Urls;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code desktop.open}: a workspace file or a web page in the user's default application. */
public final class DesktopOpen extends FsTool {
  private static final String SCHEMA =
      """
      {"type":"object","additionalProperties":false,
       "oneOf":[{"required":["path"]},{"required":["url"]}],"properties":{
        "path":{"type":"string","minLength":1,"maxLength":4096,
          "description":"A file in the workspace to open, e.g. notes.md"},
        "url":{"type":"string","minLength":1,"maxLength":4096,
          "description":"An http or https URL to open in the browser"}}}
      """;

  /** Kinds of file a default application may run rather than show. */
  private static final Set<String> RUNNABLE =
      Set.of(
          "desktop",
          "sh",
          "bash",
          "zsh",
          "command",
          "exe",
          "bat",
          "cmd",
          "com",
          "msi",
          "scr",
          "ps1",
          "vbs",
          "js",
          "jar",
          "appimage",
          "run",
          "bin",
          "py",
          "pl",
          "rb",
          "app",
          "lnk");

  private final SsrfGuard guard;
  private final DesktopLauncher launcher;

  /** Creates {@code desktop.open} for files in {@code workspace} and URLs {@code guard} accepts. */
  public DesktopOpen(Path workspace, SsrfGuard guard, DesktopLauncher launcher) {
    super(
        "desktop.open",
        Sandbox.at(workspace),
        new FsLimits(1, 1, 1, false),
        "Open a workspace file in the user's default application, or a web page in the user's"
            + " browser. The user is asked every time.",
        SCHEMA,
        SideEffect.SIDE_EFFECT,
        Risk.of(
            "opens a file or web page in your own default application or browser, outside the"
                + " sandbox"),
        "desktop.open");
    this.guard = guard;
    this.launcher = launcher;
  }

  @Override
  public void precheck(JsonNode input) {
    if (input.has("url")) {
      guard.check(id(), url(input));
    } else {
      sandbox.precheck(id(), path(input, "path", false));
      checkNotRunnable(input.path("path").asText());
    }
  }

  @Override
  protected JsonNode run(JsonNode input) throws IOException {
    precheck(input);
    Object target = input.has("url") ? url(input) : regularFile(input);
    String opener = launcher.open(id(), target);
    return Json.object().put("opened", target.toString()).put("with", opener);
  }

  private Path regularFile(JsonNode input) throws IOException {
    SandboxPath path = path(input, "path", false);
    Path file = sandbox.root().resolve(path.toString());
    BasicFileAttributes attributes =
        Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS);
    if (!attributes.isRegularFile()) {
      throw new SandboxViolationException(id(), path.toString(), "not a regular file");
    }
    return file;
  }

  private void checkNotRunnable(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    Path file = sandbox.root().resolve(cleanOrRaw(path));
    boolean executable = Files.isRegularFile(file, NOFOLLOW_LINKS) && Files.isExecutable(file);
    if (RUNNABLE.contains(extension) || executable) {
      throw new SandboxViolationException(
          id(), path, "a program or script could run instead of being shown");
    }
  }

  private URI url(JsonNode input) {
    return Urls.parse(id(), input.path("url").asText());
  }

  @Override
  public List<Resource> resources(JsonNode input) {
    if (input.has("url")) {
      return List.of(Resource.host(Urls.host(input.path("url").asText())));
    }
    return super.resources(input);
  }

  @Override
  public String summarize(JsonNode input) {
    return input.has("url")
        ? "open " + input.path("url").asText() + " in your browser"
        : "open " + shown(input, "path") + " in its default application";
  }
}
