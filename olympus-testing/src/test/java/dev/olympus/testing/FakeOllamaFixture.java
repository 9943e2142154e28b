package dev.olympus.testing;

import dev.olympus.llm.OllamaProvider;
import dev.olympus.llm.spi.LlmProvider;
import org.junit.jupiter.api.AfterEach;

/**
 * A fresh {@link FakeOllama} per test, with the SDK's real {@link OllamaProvider} pointed at it.
 */
abstract class FakeOllamaFixture {
  final FakeOllama ollama = FakeOllama.start();
  final LlmProvider provider = OllamaProvider.at(ollama.uri(), "llama3.2");

  @AfterEach
  void closeTheFake() {
    ollama.close();
  }
}
