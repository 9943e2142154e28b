package dev.olympus.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.llm.OllamaModels.Details;
import dev.olympus.llm.OllamaModels.Installed;
import dev.olympus.llm.OllamaModels.PullProgress;
import dev.olympus.plan.Cancellation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model lifecycle against a fake that speaks Ollama's documented wire format. */
class OllamaModelsTest {
  static final String NDJSON = "application/x-ndjson";
  static final String DIGEST = "fe938a131f40e6f6d40083c9f0f430a515233eb2edaa6d72eb85c50d64f2300e";
  static final String TAGS =
      """
      {"models":[
        {"name":"codellama:13b","modified_at":"2023-11-04T14:56:49.277302595-07:00",
         "size":7365960935,"digest":"9f438cb9cd581fc025612d27f7c1a6669ff83a8bb0ed86c94fcf4c5440555697",
         "details":{"format":"gguf","family":"llama","families":null,"parameter_size":"13B",
                    "quantization_level":"Q4_0"}},
        {"name":"llama3:latest","modified_at":"2023-12-07T09:32:18.757212583-08:00",
         "size":3825819519,"digest":"%s",
         "details":{"format":"gguf","family":"llama","families":null,"parameter_size":"7B",
                    "quantization_level":"Q4_K_M"}}]}"""
          .formatted(DIGEST);
  static final String SHOW =
      """
      {"modelfile":"FROM llama3","parameters":"num_keep 24","template":"{{ .Prompt }}",
       "details":{"parent_model":"","format":"gguf","family":"llama","families":["llama"],
                  "parameter_size":"8.0B","quantization_level":"Q4_0"},
       "model_info":{"general.architecture":"llama","general.parameter_count":8030261248,
                     "llama.attention.head_count":32,"llama.context_length":8192,
                     "llama.embedding_length":4096},
       "capabilities":["completion","tools"]}""";
  static final List<String> PULL =
      List.of(
          "{\"status\":\"pulling manifest\"}",
          "{\"status\":\"downloading digestname\",\"digest\":\"digestname\",\"total\":2142590208}",
          "{\"status\":\"downloading digestname\",\"digest\":\"digestname\",\"total\":2142590208,"
              + "\"completed\":1071295104}",
          "{\"status\":\"verifying sha256 digest\"}",
          "{\"status\":\"writing manifest\"}",
          "{\"status\":\"removing any unused layers\"}",
          "{\"status\":\"success\"}");

  private FakeServer server;
  private OllamaModels models;

  @BeforeEach
  void start() throws Exception {
    server = new FakeServer();
    server.on("/api/tags", FakeServer.json(200, TAGS));
    models = OllamaModels.at(server.uri(), Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listsInstalledModelsWithSizeDigestAndQuantization() {
    List<Installed> installed = models.list();
    assertEquals(2, installed.size());
    assertEquals(
        new Installed("llama3:latest", 3825819519L, DIGEST, "llama", "7B", "Q4_K_M"),
        installed.get(1));
    assertEquals(Optional.of(installed.get(1)), models.find("llama3"));
    assertEquals(Optional.empty(), models.find("mistral"));
  }

  @Test
  void showReadsTheContextLengthAndCapabilities() {
    server.on("/api/show", FakeServer.json(200, SHOW));
    Details details = models.show("llama3");
    assertEquals(OptionalInt.of(8192), details.contextLength());
    assertEquals(Set.of("completion", "tools"), details.capabilities());
    assertTrue(details.can("tools"));
    assertFalse(details.can("vision"));
    assertEquals("Q4_0", details.quantization());
    assertTrue(server.lastBody().contains("\"model\":\"llama3\""), server.lastBody());
  }

  @Test
  void anUnknownModelIsA404() {
    server.on("/api/show", FakeServer.json(404, "{\"error\":\"model 'nope' not found\"}"));
    HardException e = assertThrows(HardException.class, () -> models.show("nope"));
    assertEquals(404, e.status());
  }

  @Test
  void pullPassesEveryProgressLineAndVerifiesTheDigest() {
    server.on("/api/pull", FakeServer.lines(NDJSON, PULL));
    List<PullProgress> seen = new CopyOnWriteArrayList<>();
    Installed installed =
        models.pull("llama3", Optional.of("sha256:" + DIGEST), seen::add, new Cancellation());
    assertEquals("llama3:latest", installed.name());
    assertEquals(PULL.size(), seen.size());
    assertEquals(0.5, seen.get(2).fraction());
    assertEquals(0.0, seen.get(1).fraction(), "completed is absent until a download is under way");
    assertEquals("success", seen.get(PULL.size() - 1).status());
    assertTrue(
        server.bodies().contains("{\"model\":\"llama3\",\"stream\":true}"), "" + server.bodies());
  }

  @Test
  void aDigestOtherThanExpectedIsRefused() {
    server.on("/api/pull", FakeServer.lines(NDJSON, PULL));
    HardException e =
        assertThrows(
            HardException.class,
            () -> models.pull("llama3", Optional.of("abc123"), p -> {}, new Cancellation()));
    assertTrue(e.getMessage().contains("abc123 was expected"), e.getMessage());
  }

  @Test
  void anErrorInThePullStreamIsAHardFailure() {
    server.on(
        "/api/pull",
        FakeServer.lines(
            NDJSON,
            List.of(PULL.get(0), "{\"error\":\"pull model manifest: file does not exist\"}")));
    HardException e =
        assertThrows(
            HardException.class,
            () -> models.pull("nope", Optional.empty(), p -> {}, new Cancellation()));
    assertTrue(e.getMessage().contains("file does not exist"), e.getMessage());
  }

  @Test
  void aPullThatStopsBeforeSuccessIsTransient() {
    server.on("/api/pull", FakeServer.lines(NDJSON, PULL.subList(0, 3)));
    assertThrows(
        TransientException.class,
        () -> models.pull("llama3", Optional.empty(), p -> {}, new Cancellation()));
  }

  @Test
  void cancellingStopsAPullThatIsStillDownloading() {
    server.on("/api/pull", server.stall(NDJSON, PULL.subList(0, 3)));
    Cancellation cancellation = new Cancellation();
    List<PullProgress> seen = new CopyOnWriteArrayList<>();
    CancelledException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () ->
                assertThrows(
                    CancelledException.class,
                    () ->
                        models.pull(
                            "llama3",
                            Optional.empty(),
                            p -> {
                              seen.add(p);
                              if (p.completedBytes() > 0) {
                                cancellation.cancel();
                              }
                            },
                            cancellation)));
    assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    assertEquals(3, seen.size());
  }

  @Test
  void deleteSendsTheModelAndSaysWhetherItWasThere() {
    server.on("/api/delete", FakeServer.json(200, ""));
    assertTrue(models.delete("llama3:13b"));
    assertEquals("DELETE /api/delete", server.requests().get(0));
    assertEquals("{\"model\":\"llama3:13b\"}", server.lastBody());
    server.on("/api/delete", FakeServer.json(404, "{\"error\":\"model 'x' not found\"}"));
    assertFalse(models.delete("x"));
  }

  @Test
  void aDeleteTheServerFailsIsAFailureNotAnAnswer() {
    server.on("/api/delete", FakeServer.json(500, "{\"error\":\"disk is read-only\"}"));
    TransientException failed = assertThrows(TransientException.class, () -> models.delete("x"));
    assertTrue(failed.getMessage().contains("disk is read-only"), failed.getMessage());
  }
}
