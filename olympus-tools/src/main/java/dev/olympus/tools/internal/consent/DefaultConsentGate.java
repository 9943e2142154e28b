package dev.olympus.tools.internal.consent;

import static dev.olympus.tools.internal.Checks.argument;
import static dev.olympus.tools.internal.Checks.notNull;
import static java.util.concurrent.TimeUnit.MILLISECONDS;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import dev.olympus.tools.ConsentDecision;
import dev.olympus.tools.ConsentEvent;
import dev.olympus.tools.ConsentEvent.Kind;
import dev.olympus.tools.ConsentEvent.Source;
import dev.olympus.tools.ConsentGate;
import dev.olympus.tools.ConsentGrants;
import dev.olympus.tools.ConsentProvider;
import dev.olympus.tools.ConsentRequest;
import dev.olympus.tools.ConsentText;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolCancelledException;
import dev.olympus.tools.ToolConsentDeniedException;
import dev.olympus.tools.ToolContext;
import dev.olympus.tools.ToolException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link ConsentGate}: no scopes, standing grant, plan grant, then the provider. */
public final class DefaultConsentGate implements ConsentGate {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultConsentGate.class);

  private final ConsentProvider provider;
  private final Optional<Duration> timeout;
  private final ConsentGrants grants;
  private final Listener listener;
  private final Clock clock;
  private final Set<String> alwaysAsk;
  private final Map<String, Set<String>> planScopes = new ConcurrentHashMap<>();
  private final Admission admission = new Admission();

  /** Creates the gate. */
  public DefaultConsentGate(
      ConsentProvider provider,
      Optional<Duration> timeout,
      ConsentGrants grants,
      Listener listener,
      Clock clock,
      Set<String> alwaysAsk) {
    this.alwaysAsk = alwaysAsk;
    this.provider = provider;
    this.timeout = timeout;
    this.grants = grants;
    this.listener = listener;
    this.clock = clock;
  }

  @Override
  public ConsentEvent authorize(Tool tool, ToolCall call, ToolContext context) {
    CompletableFuture<ConsentEvent> decided = authorizeAsync(tool, call, context);
    try {
      return decided.get();
    } catch (InterruptedException e) {
      decided.cancel(false);
      Thread.currentThread().interrupt();
      throw new ToolCancelledException(call.toolId());
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    }
  }

  @Override
  public CompletableFuture<ConsentEvent> authorizeAsync(
      Tool tool, ToolCall call, ToolContext context) {
    ConsentRequest request = request(tool, call, context);
    ConsentEvent covered = covered(request);
    if (covered != null) {
      return CompletableFuture.completedFuture(covered);
    }
    report(Kind.ASKED, Source.PROVIDER, request, request.summary());
    CompletableFuture<ConsentDecision> answer = new CompletableFuture<>();
    Optional<CompletionStage<ConsentDecision>> asked = ask(request, answer);
    Cancellation.Subscription subscription =
        context.cancellation().onCancel(() -> answer.cancel(false));
    timeout.ifPresent(
        limit ->
            answer.completeOnTimeout(
                ConsentDecision.deny("no answer within " + limit), limit.toMillis(), MILLISECONDS));
    // The question is withdrawn (a UI may close its dialog) before anyone hears the decision.
    CompletableFuture<ConsentEvent> decided =
        answer
            .whenComplete(
                (decision, error) -> {
                  subscription.close();
                  asked.ifPresent(DefaultConsentGate::cancelQuietly);
                })
            .handle((decision, error) -> decided(tool, context, request, decision, error));
    decided.whenComplete((event, error) -> answer.cancel(false)); // the caller gave up
    return decided;
  }

  // A call needing no scopes, or covered by a standing or plan grant, is not asked about.
  private ConsentEvent covered(ConsentRequest request) {
    if (request.scopes().isEmpty()) {
      return report(Kind.GRANTED, Source.NO_SCOPES, request, "no scopes needed");
    }
    boolean ask = request.scopes().stream().anyMatch(alwaysAsk::contains);
    if (!ask && grants.covers(request)) {
      return report(Kind.GRANTED, Source.STANDING_GRANT, request, "covered by standing grants");
    }
    if (!ask && planScopes.getOrDefault(request.planId(), Set.of()).containsAll(request.scopes())) {
      return report(Kind.GRANTED, Source.PLAN_GRANT, request, "allowed for plan");
    }
    return null;
  }

  private ConsentEvent decided(
      Tool tool,
      ToolContext context,
      ConsentRequest request,
      ConsentDecision decision,
      Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof CancellationException) {
      throw new ToolCancelledException(request.toolId());
    }
    ConsentDecision answer = decision;
    if (cause != null) {
      LOG.warn("consent provider failed for {}", request.toolId(), cause);
      answer = ConsentDecision.deny("consent provider failed: " + cause);
    } else if (decision == null) {
      answer = ConsentDecision.deny("consent provider gave no answer");
    }
    if (answer instanceof ConsentDecision.Deny deny) {
      report(Kind.DENIED, Source.PROVIDER, request, deny.reason());
      throw new ToolConsentDeniedException(request.toolId(), deny.reason());
    }
    if (answer instanceof ConsentDecision.AllowEdited edited) {
      return edited(tool, context, request, edited.input());
    }
    if (answer instanceof ConsentDecision.AnswerInstead instead) {
      ConsentEvent event =
          new ConsentEvent(
              Kind.ANSWERED,
              Source.PROVIDER,
              request,
              "answered in the tool's place",
              clock.instant(),
              Optional.of(instead.result()));
      listener.onConsent(event);
      return event;
    }
    ConsentEvent granted = report(Kind.GRANTED, Source.PROVIDER, request, answer.toString());
    if (request.scopes().stream().noneMatch(alwaysAsk::contains)) {
      remember(request, answer); // an always-ask scope is never granted beyond this one call
    }
    return granted;
  }

  // The edited input passes the same checks as the one asked about; the grant names what runs.
  private ConsentEvent edited(
      Tool tool, ToolContext context, ConsentRequest asked, JsonNode input) {
    ConsentRequest edited;
    try {
      edited = request(tool, ToolCall.of(tool.id(), input), context);
    } catch (ToolException e) {
      String reason = "the edited input was refused: " + e.getMessage();
      report(Kind.DENIED, Source.PROVIDER, asked, reason);
      throw new ToolConsentDeniedException(asked.toolId(), reason);
    }
    return report(
        Kind.GRANTED,
        Source.PROVIDER,
        edited,
        "allowed once with edited input (asked about SHA-256 " + asked.inputDigest() + ")");
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
    return ConsentRequest.builder(tool.id(), input)
        .scopes(tool.spec().scopes())
        .sideEffect(tool.spec().sideEffect())
        .risk(tool.spec().risk())
        .step(context.planId(), context.stepId())
        .summary(summary(tool, input))
        .resources(tool.resources(input))
        .build();
  }

  private static String summary(Tool tool, JsonNode input) {
    String summary = tool.summarize(input);
    if (summary == null || summary.isBlank()) {
      summary = "run " + tool.id();
    }
    return ConsentText.line(summary, ConsentRequest.MAX_SUMMARY);
  }

  // The host may take as long as the user does: the provider completes {@code answer} when the
  // person has decided; a provider that throws or returns null has answered already.
  private Optional<CompletionStage<ConsentDecision>> ask(
      ConsentRequest request, CompletableFuture<ConsentDecision> answer) {
    try {
      CompletionStage<ConsentDecision> asked = provider.ask(request);
      if (asked == null) {
        answer.complete(null);
        return Optional.empty();
      }
      asked.whenComplete((decision, error) -> settle(answer, decision, error));
      return Optional.of(asked);
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
      return Optional.empty();
    }
  }

  private static void settle(
      CompletableFuture<ConsentDecision> answer, ConsentDecision decision, Throwable error) {
    if (error == null) {
      answer.complete(decision);
    } else {
      answer.completeExceptionally(error);
    }
  }

  private static void cancelQuietly(CompletionStage<ConsentDecision> asked) {
    try {
      asked.toCompletableFuture().cancel(false);
    } catch (UnsupportedOperationException e) {
      // a stage that cannot be cancelled simply completes unheard
    }
  }

  private void remember(ConsentRequest request, ConsentDecision decision) {
    if (decision instanceof ConsentDecision.AllowForPlan) {
      planScopes
          .computeIfAbsent(request.planId(), id -> ConcurrentHashMap.newKeySet())
          .addAll(request.scopes());
    } else if (decision instanceof ConsentDecision.AllowAlways always) {
      request
          .scopes()
          .forEach(scope -> grants.grant(new ConsentGrants.Grant(scope, always.within())));
    }
  }

  private ConsentEvent report(Kind kind, Source source, ConsentRequest request, String detail) {
    ConsentEvent event =
        new ConsentEvent(kind, source, request, detail, clock.instant(), Optional.empty());
    listener.onConsent(event);
    return event;
  }

  @Override
  public void endPlan(String planId) {
    planScopes.remove(notNull(planId, "planId"));
  }

  @Override
  public ConsentGrants grants() {
    return grants;
  }
}
