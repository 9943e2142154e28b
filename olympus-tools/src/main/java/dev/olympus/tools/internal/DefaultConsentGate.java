package dev.olympus.tools.internal;

import static dev.olympus.plan.internal.Checks.argument;
import static dev.olympus.plan.internal.Checks.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.tools.Cancellation;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentEvent;
import dev.olympus.tools.ConsentEvent.Kind;
import dev.olympus.tools.ConsentEvent.Source;
import dev.olympus.tools.ConsentGate;
import dev.olympus.tools.ConsentGrant;
import dev.olympus.tools.ConsentListener;
import dev.olympus.tools.ConsentPolicy;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ConsentRequest;
import dev.olympus.tools.ConsentText;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolCall;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolConsentDeniedException;
import dev.olympus.tools.ToolContext;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link ConsentGate}: no scopes, standing grant, plan grant, then the provider. */
public final class DefaultConsentGate implements ConsentGate {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultConsentGate.class);

  private final ConsentProvider provider;
  private final ConsentPolicy policy;
  private final ConsentListener listener;
  private final Clock clock;
  private final Set<String> alwaysAsk;
  private final Map<String, Set<String>> planScopes = new ConcurrentHashMap<>();
  private final Admission admission = new Admission();

  /** Creates the gate. */
  public DefaultConsentGate(
      ConsentProvider provider,
      ConsentPolicy policy,
      ConsentListener listener,
      Clock clock,
      Set<String> alwaysAsk) {
    this.alwaysAsk = alwaysAsk;
    this.provider = provider;
    this.policy = policy;
    this.listener = listener;
    this.clock = clock;
  }

  @Override
  public ConsentEvent authorize(Tool tool, ToolCall call, ToolContext context) {
    ConsentRequest request = request(tool, call, context);
    if (request.scopes().isEmpty()) {
      return report(Kind.GRANTED, Source.NO_SCOPES, request, "no scopes needed");
    }
    boolean ask = request.scopes().stream().anyMatch(alwaysAsk::contains);
    if (!ask && policy.covers(request)) {
      return report(Kind.GRANTED, Source.STANDING_GRANT, request, "covered by standing grants");
    }
    if (!ask && planScopes.getOrDefault(request.planId(), Set.of()).containsAll(request.scopes())) {
      return report(Kind.GRANTED, Source.PLAN_GRANT, request, "allowed for plan");
    }
    report(Kind.ASKED, Source.PROVIDER, request, request.summary());
    ConsentDecision decision = ask(request, context);
    if (decision instanceof ConsentDecision.Deny deny) {
      report(Kind.DENIED, Source.PROVIDER, request, deny.reason());
      throw new ToolConsentDeniedException(request.toolId(), deny.reason());
    }
    ConsentEvent granted = report(Kind.GRANTED, Source.PROVIDER, request, decision.toString());
    if (!ask) {
      remember(request, decision);
    }
    return granted;
  }

  private ConsentRequest request(Tool tool, ToolCall call, ToolContext context) {
    notNull(tool, "tool");
    notNull(call, "call");
    notNull(context, "context");
    argument(
        tool.id().equals(call.toolId()),
        "call is for '" + call.toolId() + "' but tool is '" + tool.id() + "'");
    JsonNode input = call.input();
    admission.check(tool, input);
    return new ConsentRequest(
        tool.id(),
        tool.spec().scopes(),
        tool.spec().sideEffect(),
        tool.spec().risk(),
        input,
        ConsentRequest.sizeOf(input),
        ConsentRequest.digestOf(input),
        context.planId(),
        context.stepId(),
        summary(tool, input),
        tool.resources(input));
  }

  private static String summary(Tool tool, JsonNode input) {
    String summary = tool.summarize(input);
    if (summary == null || summary.isBlank()) {
      summary = "run " + tool.id();
    }
    return ConsentText.line(summary, ConsentRequest.MAX_SUMMARY);
  }

  // The host may take as long as the user does; the question runs on its own thread so that
  // cancelling the step (or closing Olympus) is not held up by an unanswered prompt.
  private ConsentDecision ask(ConsentRequest request, ToolContext context) {
    CompletableFuture<ConsentDecision> answer = new CompletableFuture<>();
    Thread asker =
        new Thread(
            () -> {
              try {
                answer.complete(decide(request));
              } catch (Throwable t) { // an Error in the host's callback must not hang the step
                answer.completeExceptionally(t);
              }
            },
            "olympus-consent-" + request.stepId());
    asker.setDaemon(true);
    Cancellation.Subscription subscription =
        context.cancellation().onCancel(() -> answer.cancel(false));
    try (subscription) {
      asker.start();
      return answer.get();
    } catch (CancellationException e) {
      asker.interrupt();
      throw new ToolCancelledException(request.toolId());
    } catch (InterruptedException e) {
      asker.interrupt();
      Thread.currentThread().interrupt();
      throw new ToolCancelledException(request.toolId());
    } catch (ExecutionException e) {
      return ConsentDecision.deny("consent provider failed: " + e.getCause());
    }
  }

  private ConsentDecision decide(ConsentRequest request) {
    try {
      ConsentDecision decision = provider.decide(request);
      return decision == null ? ConsentDecision.deny("consent provider gave no answer") : decision;
    } catch (RuntimeException e) {
      LOG.warn("consent provider failed for {}", request.toolId(), e);
      return ConsentDecision.deny("consent provider failed: " + e);
    }
  }

  private void remember(ConsentRequest request, ConsentDecision decision) {
    if (decision instanceof ConsentDecision.AllowForPlan) {
      planScopes
          .computeIfAbsent(request.planId(), id -> ConcurrentHashMap.newKeySet())
          .addAll(request.scopes());
    } else if (decision instanceof ConsentDecision.AllowAlways always) {
      request.scopes().forEach(scope -> policy.grant(new ConsentGrant(scope, always.within())));
    }
  }

  private ConsentEvent report(Kind kind, Source source, ConsentRequest request, String detail) {
    ConsentEvent event = new ConsentEvent(kind, source, request, detail, clock.instant());
    listener.onConsent(event);
    return event;
  }

  @Override
  public void endPlan(String planId) {
    planScopes.remove(notNull(planId, "planId"));
  }

  @Override
  public ConsentPolicy policy() {
    return policy;
  }
}
