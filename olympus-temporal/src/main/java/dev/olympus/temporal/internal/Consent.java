package dev.olympus.temporal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanJson;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentEvent;
import dev.olympus.tools.ConsentGate;
import dev.olympus.tools.ConsentGrants;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ConsentRequest;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolConsentDeniedException;
import dev.olympus.tools.ToolContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Consent on the worker, through olympus-tools' {@link ConsentGate}: the input is checked against
 * the schema and the tool's pre-check before anyone is asked, standing grants answer without
 * asking, and otherwise the host's provider decides, or (for a host that answers later) the
 * question goes back to the workflow to wait there. Thread-safe.
 */
public final class Consent {
  /** What the gate decided; {@code verdict} is RUN, ANSWERED, ASK or BLOCK. */
  record Decision(String verdict, String input, String reason, List<String> events) {}

  private final ConsentProvider provider;
  private final ConsentGrants grants;
  private final ConsentGate shared;
  private final Map<String, List<ConsentEvent>> heard = new ConcurrentHashMap<>();

  /** Consent asked of {@code provider}, with {@code grants} standing. */
  public Consent(ConsentProvider provider, ConsentGrants grants) {
    this.provider = provider;
    this.grants = grants;
    this.shared = gate(provider, grants);
  }

  private ConsentGate gate(ConsentProvider asking, ConsentGrants standing) {
    return ConsentGate.builder()
        .provider(asking)
        .grants(standing)
        .listener(e -> heard.getOrDefault(key(e.request()), new CopyOnWriteArrayList<>()).add(e))
        .build();
  }

  /**
   * Decides whether {@code call} may run. A step whose guard requires consent is asked every time
   * (a fresh gate remembers no answer); with {@code inWorkflow}, a question nobody has answered yet
   * comes back as ASK with the question, for the workflow to hold.
   *
   * @throws ToolCancelledException if the step was cancelled while the question was open
   */
  Decision decide(
      Tool tool, ToolCall call, ToolContext context, boolean consentRequired, boolean inWorkflow) {
    AtomicReference<ConsentRequest> question = new AtomicReference<>();
    ConsentProvider asking =
        inWorkflow
            ? ConsentProvider.async(
                request -> {
                  question.set(request);
                  return new CompletableFuture<ConsentDecision>();
                })
            : provider;
    ConsentGate gate =
        inWorkflow || consentRequired
            ? gate(asking, consentRequired ? ConsentGrants.empty() : grants)
            : shared;
    String key = context.planId() + "\u0000" + context.stepId();
    List<ConsentEvent> events = new CopyOnWriteArrayList<>();
    heard.put(key, events);
    try {
      CompletableFuture<ConsentEvent> decided = gate.authorizeAsync(tool, call, context);
      if (inWorkflow && !decided.isDone() && question.get() != null) {
        return new Decision("ASK", questionJson(question.get()), "", logged(events, true));
      }
      return decided(decided, events);
    } finally {
      heard.remove(key);
    }
  }

  private static Decision decided(
      CompletableFuture<ConsentEvent> decided, List<ConsentEvent> heard) {
    try {
      ConsentEvent event = decided.get();
      Optional<JsonNode> answer = event.answer();
      return answer.isPresent()
          ? new Decision("ANSWERED", answer.get().toString(), "", logged(heard, false))
          : new Decision("RUN", event.request().input().toString(), "", logged(heard, false));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ToolConsentDeniedException denied) {
        return new Decision(
            "BLOCK", "", "consent denied: " + denied.reason(), logged(heard, false));
      }
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } catch (InterruptedException e) {
      decided.cancel(false);
      Thread.currentThread().interrupt();
      throw new ToolCancelledException(decided.toString());
    }
  }

  private static String key(ConsentRequest request) {
    return request.planId() + "\u0000" + request.stepId();
  }

  // The consent.decision events, as the in-process executor logs them; a question the workflow
  // will hold is logged there when it is asked.
  private static List<String> logged(List<ConsentEvent> events, boolean skipAsked) {
    return events.stream()
        .filter(e -> !(skipAsked && e.kind() == ConsentEvent.Kind.ASKED))
        .map(e -> PlanJson.write(event(e)))
        .toList();
  }

  private static PlanEvent event(ConsentEvent event) {
    PlanEvent planEvent =
        PlanEvent.of(event.request().planId(), RunEvents.CONSENT, event.at())
            .withStep(event.request().stepId());
    ObjectNode data = planEvent.data();
    data.put("decision", event.kind().name()).put("source", event.source().name());
    data.put("tool", event.request().toolId()).put("summary", event.request().summary());
    data.put("detail", event.detail());
    data.put("inputDigest", event.inputDigest());
    data.put("inputSize", event.request().inputSize());
    event.request().scopes().forEach(data.putArray("scopes")::add);
    return planEvent.withData(data);
  }

  private static String questionJson(ConsentRequest request) {
    ObjectNode question = JsonNodeFactory.instance.objectNode();
    question.put("tool", request.toolId()).put("summary", request.summary());
    request.scopes().forEach(question.putArray("scopes")::add);
    question.put("sideEffect", request.sideEffect().name());
    question.set("input", request.input());
    question.put("inputDigest", request.inputDigest());
    return question.toString();
  }
}
