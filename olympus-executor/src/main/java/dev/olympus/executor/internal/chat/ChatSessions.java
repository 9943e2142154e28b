package dev.olympus.executor.internal.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.ChatOptions;
import dev.olympus.executor.ChatSession;
import dev.olympus.executor.OwnedElsewhereException;
import dev.olympus.executor.OwnershipLostException;
import dev.olympus.executor.internal.Checks;
import dev.olympus.executor.internal.run.Ownership;
import dev.olympus.executor.internal.wiring.ExecutorServices;
import dev.olympus.llm.LlmRouter;
import dev.olympus.memory.Lease;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.PlanEvent;
import dev.olympus.tools.ToolRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Opens chat sessions over the executor's parts (tools, consent gate, breakers, workers) so chats
 * run under the same rules as plan steps. One open session object per id. Thread-safe.
 */
public final class ChatSessions {
  private final ExecutorServices services;
  private final ToolRegistry registry;
  private final MemoryStore memory;
  private final LlmRouter router;
  private final ChatToolRunner runner;
  private final Map<String, DefaultChatSession> open = new ConcurrentHashMap<>();

  /** Creates the factory; {@code router} may be null (then sending a message fails). */
  public ChatSessions(
      ExecutorServices services, ToolRegistry registry, MemoryStore memory, LlmRouter router) {
    this.services = services;
    this.registry = registry;
    this.memory = memory;
    this.router = router;
    this.runner = new ChatToolRunner(services, registry);
  }

  /**
   * The session {@code sessionId}, continuing its stored conversation.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code sessionId} is blank or a plan's id, or names an
   *     unknown tool
   * @throws IllegalStateException if the session is open with other options
   * @throws OwnedElsewhereException if another executor has the session open
   */
  public ChatSession open(String sessionId, ChatOptions options) {
    Checks.notBlank(sessionId, "sessionId");
    Checks.notNull(options, "options");
    // A session's events and its "for this session" grants are keyed by its id, as a plan's are.
    Checks.argument(
        memory.checkpoints().load(sessionId).isEmpty(),
        "chat session id '" + sessionId + "' is already a plan's id");
    DefaultChatSession session = open.computeIfAbsent(sessionId, id -> create(id, options));
    Checks.state(
        session.options().equals(options),
        "chat session " + sessionId + " is open with other options; close it first");
    return session;
  }

  private DefaultChatSession create(String sessionId, ChatOptions options) {
    Set<String> offered = new LinkedHashSet<>();
    for (String id : registry.ids()) {
      if (options.tools().map(t -> t.contains(id)).orElse(!id.startsWith("llm."))) {
        offered.add(id);
      }
    }
    options
        .tools()
        .ifPresent(
            t ->
                t.forEach(
                    id ->
                        Checks.argument(
                            offered.contains(id), "tool '" + id + "' is not registered")));
    Set<String> functions = new LinkedHashSet<>();
    offered.forEach(id -> functions.add(registry.functionName(id)));
    List<JsonNode> specs = new ArrayList<>();
    for (JsonNode spec : registry.specs()) {
      if (functions.contains(spec.path("function").path("name").asText())) {
        specs.add(spec);
      }
    }
    return claimed(
        sessionId, lease -> new DefaultChatSession(lease, options, this, offered, specs));
  }

  // The session is claimed before its history is read or anything is written.
  private DefaultChatSession claimed(String sessionId, Function<Lease, DefaultChatSession> create) {
    AtomicReference<DefaultChatSession> created = new AtomicReference<>();
    Lease lease =
        services
            .ownership()
            .claim(Ownership.chat(sessionId), lost -> created.get().lose())
            .orElseThrow(() -> ownedElsewhere(sessionId));
    try {
      created.set(create.apply(lease));
      return created.get();
    } catch (RuntimeException | Error e) {
      services.ownership().release(lease);
      throw e;
    }
  }

  private OwnedElsewhereException ownedElsewhere(String sessionId) {
    String holder =
        services.ownership().holder(Ownership.chat(sessionId)).map(Lease::owner).orElse("unknown");
    return new OwnedElsewhereException(sessionId, holder);
  }

  /**
   * Appends {@code event} to the log of the chat session it is about, under the session's lease, if
   * that session is open here (the consent decisions of its tool calls), and returns true; returns
   * false if it is no open session's.
   *
   * @throws OwnershipLostException if another executor has claimed the session (nothing was
   *     appended): the consent gate then lets no call through
   */
  public boolean record(PlanEvent event) {
    DefaultChatSession session = open.get(event.planId());
    if (session == null) {
      return false;
    }
    session.log().append(event);
    return true;
  }

  void closed(DefaultChatSession session) {
    services.consent().endPlan(session.sessionId());
    open.remove(session.sessionId(), session);
    services.ownership().release(session.lease());
  }

  /** Closes every open session (Olympus is closing), releasing their leases. */
  public void closeAll() {
    List.copyOf(open.values()).forEach(DefaultChatSession::close);
  }

  MemoryStore memory() {
    return memory;
  }

  Clock clock() {
    return services.clock();
  }

  Optional<LlmRouter> router() {
    return Optional.ofNullable(router);
  }

  ChatToolRunner runner() {
    return runner;
  }
}
