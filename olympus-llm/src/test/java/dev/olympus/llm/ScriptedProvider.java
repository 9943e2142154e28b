package dev.olympus.llm;

import dev.olympus.llm.spi.Capability;
import dev.olympus.llm.spi.EmbeddingReply;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.llm.spi.ProviderReply;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** An in-memory provider whose behaviour a test scripts; counts and records its calls. */
class ScriptedProvider implements LlmProvider {
  private final String name;
  private final String model;
  private final AtomicInteger calls = new AtomicInteger();
  private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
  private volatile Set<Capability> capabilities = EnumSet.allOf(Capability.class);
  private volatile Function<ChatRequest, ProviderReply> behaviour;

  ScriptedProvider(String name, String model) {
    this.name = name;
    this.model = model;
    answering("hello from " + name);
  }

  ScriptedProvider answering(String text) {
    behaviour = r -> reply(text, new Usage(1, r.maxTokens().orElse(10)));
    return this;
  }

  ScriptedProvider behaving(Function<ChatRequest, ProviderReply> behaviour) {
    this.behaviour = behaviour;
    return this;
  }

  ScriptedProvider failing(LlmException error) {
    return behaving(
        r -> {
          throw error;
        });
  }

  ScriptedProvider without(Capability capability) {
    Set<Capability> reduced = EnumSet.copyOf(capabilities);
    reduced.remove(capability);
    capabilities = reduced;
    return this;
  }

  ProviderReply reply(String text, Usage usage) {
    return new ProviderReply(text, List.of(), FinishReason.STOP, usage, model);
  }

  int calls() {
    return calls.get();
  }

  List<ChatRequest> requests() {
    return requests;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public ProviderReply chat(ChatRequest request) {
    calls.incrementAndGet();
    requests.add(request);
    return behaviour.apply(request);
  }

  @Override
  public EmbeddingReply embed(List<String> texts) {
    calls.incrementAndGet();
    List<float[]> vectors = texts.stream().map(t -> new float[] {t.length(), 1f}).toList();
    return new EmbeddingReply(vectors, 3L * texts.size(), model);
  }
}
