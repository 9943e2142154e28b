package dev.olympus.tools.internal.registry;

import static dev.olympus.tools.internal.Checks.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.RateLimit;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolNotFoundException;
import dev.olympus.tools.ToolRegistry;
import dev.olympus.tools.ToolTimeoutException;
import dev.olympus.tools.ToolValidationException;
import dev.olympus.tools.internal.Json;
import dev.olympus.tools.internal.schema.SchemaValidator;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The immutable {@link ToolRegistry}; owns a bounded pool of daemon worker threads that idle out.
 */
public final class DefaultToolRegistry implements ToolRegistry {
  private record Entry(
      Tool tool, SchemaValidator validator, RateLimiter limiter, Duration timeout) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final FunctionNames names;
  private final ExecutorService workers;
  private final String configHash;

  /** Creates the registry; the maps must name only tools in {@code tools}. */
  public DefaultToolRegistry(
      List<Tool> tools,
      Map<String, RateLimit> rateLimits,
      Map<String, Duration> timeouts,
      Duration defaultTimeout,
      Clock rateClock,
      int maxConcurrentCalls) {
    this.workers = workers(maxConcurrentCalls);
    for (Tool tool : tools) {
      String id = tool.id();
      RateLimit limit = rateLimits.get(id);
      entries.put(
          id,
          new Entry(
              tool,
              validator(tool),
              limit == null ? null : new RateLimiter(id, limit, rateClock),
              timeouts.getOrDefault(id, defaultTimeout)));
    }
    this.names = new FunctionNames(entries.keySet());
    this.configHash =
        RegistryHash.of(tools, rateLimits, timeouts, defaultTimeout, maxConcurrentCalls);
  }

  private static SchemaValidator validator(Tool tool) {
    try {
      return new SchemaValidator(tool.spec().inputSchema());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tool '" + tool.id() + "': input " + e.getMessage(), e);
    }
  }

  @Override
  public String configHash() {
    return configHash;
  }

  /** At most {@code max} workers, no queue: a call that finds them all busy is refused. */
  private static ExecutorService workers(int max) {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        max,
        30,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "olympus-tool-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  @Override
  public Optional<Tool> find(String toolId) {
    Entry entry = entries.get(notNull(toolId, "toolId"));
    return entry == null ? Optional.empty() : Optional.of(entry.tool());
  }

  @Override
  public Tool get(String toolId) {
    return entry(toolId).tool();
  }

  private Entry entry(String toolId) {
    Entry entry = entries.get(notNull(toolId, "toolId"));
    if (entry == null) {
      throw new ToolNotFoundException(toolId);
    }
    return entry;
  }

  @Override
  public List<String> ids() {
    return List.copyOf(entries.keySet());
  }

  @Override
  public ArrayNode specs() {
    ArrayNode specs = Json.MAPPER.createArrayNode();
    for (Entry entry : entries.values()) {
      ObjectNode parameters = (ObjectNode) entry.tool().spec().inputSchema();
      parameters.remove("$schema");
      ObjectNode function = specs.addObject().put("type", "function").putObject("function");
      function.put("name", FunctionNames.nameOf(entry.tool().id()));
      function.put("description", entry.tool().spec().description());
      function.set("parameters", parameters);
    }
    return specs;
  }

  @Override
  public String functionName(String toolId) {
    return FunctionNames.nameOf(entry(toolId).tool().id());
  }

  @Override
  public String toolIdForFunction(String functionName) {
    String id = names.idOf(notNull(functionName, "functionName"));
    if (id == null) {
      throw new ToolNotFoundException(functionName);
    }
    return id;
  }

  @Override
  public void validate(ToolCall call) {
    notNull(call, "call");
    validate(entry(call.toolId()), call);
  }

  private static void validate(Entry entry, ToolCall call) {
    List<String> problems = entry.validator().problems(call.input());
    if (!problems.isEmpty()) {
      throw new ToolValidationException(call.toolId(), problems);
    }
  }

  @Override
  public JsonNode invoke(ToolCall call, ToolContext context) {
    notNull(call, "call");
    notNull(context, "context");
    Entry entry = entry(call.toolId());
    validate(entry, call);
    context.throwIfCancelled(call.toolId());
    Duration timeout = min(entry.timeout(), context.remaining());
    if (timeout.isZero()) {
      throw new ToolTimeoutException(call.toolId(), timeout);
    }
    if (entry.limiter() != null) {
      entry.limiter().acquire();
    }
    // The deadline stays on the caller's clock: this registry's clock only paces rate limits.
    ToolContext bounded = context.withDeadline(context.clock().instant().plus(timeout));
    return Invocation.run(workers, entry.tool(), call, bounded, timeout);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
