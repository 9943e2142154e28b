package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.argument;
import static dev.olympus.tools.internal.Checks.notBlank;
import static dev.olympus.tools.internal.Checks.notNull;
import static dev.olympus.tools.internal.Checks.positive;

import dev.olympus.tools.internal.Executables;
import dev.olympus.tools.internal.code.CodeLimits;
import dev.olympus.tools.internal.code.CodeRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code code.run} tool (scope {@code exec_code}, side effect, destructive): runs a snippet
 * with an interpreter the host allow-lists, in a workspace folder.
 *
 * <pre>{@code
 * Tool run = CodeTools.builder(workspace)
 *     .interpreter("python3", "python3", "-c")   // the snippet is appended, then the call's args
 *     .interpreter("bash", "bash", "-c")
 *     .environment(Map.of("LANG", "C.UTF-8"))
 *     .build();
 * }</pre>
 *
 * <p>Input {@code {"interpreter": "bash", "code": "ls -l", "args": []}}; output {@code
 * {interpreter, exitCode, timedOut, stdout, stderr, stdoutTruncated, stderrTruncated, isolation}}.
 * The process starts in the workspace folder with only the environment the host passes, stdin
 * closed, a memory limit ({@code prlimit --as}, when {@code prlimit} is found), and a time limit
 * (the shorter of {@link Builder#timeout} and the call's deadline) after which it and every
 * descendant are killed. Each of stdout and stderr keeps its first {@link Builder#maxOutputBytes}
 * bytes (the rest is read and dropped). When {@code bwrap} (bubblewrap) is found and works, the
 * process runs inside it: new namespaces (no network unless {@link Builder#allowNetwork}), the
 * host's files read-only, a private {@code /tmp}, and the workspace the only writable path; the
 * process tree ends with the namespace. Without bubblewrap the code runs as the host's user with no
 * isolation, and both the description and the consent prompt ({@link ToolSpec#risk()}) say so; a
 * process that detaches itself from the tree (a double fork) then escapes the time limit. An
 * interpreter not on the list is refused by the schema and by {@link Tool#precheck}. The tool is
 * immutable and thread-safe.
 */
public final class CodeTools {
  private CodeTools() {}

  /**
   * Returns a builder for {@code code.run} in {@code workspace}.
   *
   * @throws NullPointerException if {@code workspace} is null
   */
  public static Builder builder(Path workspace) {
    return new Builder(workspace);
  }

  /**
   * Configures {@code code.run}. Settings may be called again: the last call wins; {@link
   * #interpreter} and {@link #environment} add (allowing one interpreter name twice is an error).
   * Not thread-safe; can build more than once.
   */
  public static final class Builder {
    private final Path workspace;
    private final Map<String, List<String>> interpreters = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration timeout = Duration.ofSeconds(30);
    private int maxOutputBytes = 64 << 10;
    private long maxMemoryBytes = 1L << 30;
    private boolean allowNetwork;
    private boolean bubblewrap = true;

    Builder(Path workspace) {
      this.workspace = notNull(workspace, "workspace");
    }

    /**
     * Allows the interpreter {@code name}: a call naming it runs {@code command} followed by the
     * snippet and the call's {@code args}. The first word is looked up on the JVM's {@code PATH}
     * now unless it is an absolute path.
     *
     * @throws NullPointerException if an argument or a word is null
     * @throws IllegalArgumentException if {@code name} is malformed, {@code command} is empty, or
     *     its program is not an executable file
     * @throws IllegalStateException if {@code name} was already allowed
     */
    public Builder interpreter(String name, String... command) {
      argument(notNull(name, "name").matches("[a-zA-Z0-9_.+-]{1,32}"), "bad name: '" + name + "'");
      notNull(command, "command");
      argument(command.length > 0, "command of interpreter '" + name + "' is empty");
      List<String> words = List.of(command);
      Path program = Executables.find(notBlank(words.get(0), "command[0]")).orElse(null);
      argument(program != null, "interpreter '" + name + "': no executable " + words.get(0));
      if (interpreters.containsKey(name)) {
        throw new IllegalStateException("interpreter '" + name + "' is already allowed");
      }
      interpreters.put(name, Executables.withProgram(words, program));
      return this;
    }

    /**
     * Adds {@code variables} to the process environment, which starts empty.
     *
     * @throws NullPointerException if {@code variables} or a key or value is null
     */
    public Builder environment(Map<String, String> variables) {
      notNull(variables, "variables")
          .forEach((k, v) -> notNull(v, "value of " + notNull(k, "key")));
      environment.putAll(variables);
      return this;
    }

    /**
     * Sets the longest a run may take (default 30 s); the call's deadline also applies.
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder timeout(Duration timeout) {
      positive(notNull(timeout, "timeout").toNanos(), "timeout");
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets how many bytes of each of stdout and stderr are kept (default 64 KiB).
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder maxOutputBytes(int bytes) {
      this.maxOutputBytes = (int) positive(bytes, "bytes");
      return this;
    }

    /**
     * Sets the address-space limit of the process (default 1 GiB; {@code node} needs more, its
     * engine reserves address space up front). Applied with {@code prlimit} when it is found.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder maxMemoryBytes(long bytes) {
      this.maxMemoryBytes = positive(bytes, "bytes");
      return this;
    }

    /** Lets code inside bubblewrap use the network (default: no network). */
    public Builder allowNetwork(boolean allow) {
      this.allowNetwork = allow;
      return this;
    }

    /** Runs without bubblewrap even when it is installed (the consent prompt says so). */
    public Builder withoutBubblewrap() {
      this.bubblewrap = false;
      return this;
    }

    /**
     * Builds the tool, probing once whether bubblewrap works here.
     *
     * @throws IllegalStateException if no interpreter was allowed
     * @throws IllegalArgumentException if the workspace is not an existing directory
     */
    public Tool build() {
      if (interpreters.isEmpty()) {
        throw new IllegalStateException("no interpreter allowed: call interpreter(...) first");
      }
      Optional<Path> bwrap = bubblewrap ? Executables.workingBubblewrap() : Optional.empty();
      CodeLimits limits = new CodeLimits(timeout, maxOutputBytes, maxMemoryBytes, allowNetwork);
      return new CodeRun(workspace, interpreters, environment, limits, bwrap);
    }
  }
}
