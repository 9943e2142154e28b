/**
 * The Olympus LLM router: local-first model calls (Ollama, OpenAI-compatible servers) with budgets,
 * retries, circuit breakers, a response cache, prompt templates and tool-call grounding.
 */
module dev.olympus.llm {
  requires transitive dev.olympus.plan;
  requires transitive com.fasterxml.jackson.databind;
  requires java.net.http;
  requires dev.failsafe.core;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;

  exports dev.olympus.llm;
  exports dev.olympus.llm.spi;
}
