/**
 * The Olympus test kit: fake Ollama and OpenAI-compatible servers that speak the real wire formats
 * and inject faults, a scripted {@link dev.olympus.llm.spi.LlmProvider}, a recording {@link
 * dev.olympus.tools.ConsentProvider} and a settable clock. Add it with {@code test} scope.
 */
module dev.olympus.testing {
  requires transitive dev.olympus.llm;
  requires transitive dev.olympus.tools;
  requires transitive com.fasterxml.jackson.databind;
  requires jdk.httpserver;

  exports dev.olympus.testing;
}
