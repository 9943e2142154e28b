package dev.olympus.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeReplyTest {
  @Test
  void withersChangeOneThingAndKeepTheRest() {
    FakeReply base = FakeReply.text("hi").withToolCall("search", "{}");
    FakeReply changed = base.withUsage(3, 4).withLengthLimit().withDisconnectAfter(2);

    assertEquals(List.of(new FakeReply.Call("search", "{}")), changed.calls());
    assertEquals(3, changed.promptTokens());
    assertTrue(changed.lengthLimited());
    assertEquals(2, changed.disconnectAfter());
    assertEquals(100, base.promptTokens(), "the original is unchanged");
    assertEquals(-1, base.disconnectAfter());
    assertEquals(
        Duration.ofSeconds(2),
        FakeReply.rateLimited(Duration.ofSeconds(2)).retryAfter().orElseThrow());
  }

  @Test
  void badValuesAreRefusedNamingWhatWasWrong() {
    IllegalArgumentException status =
        assertThrows(IllegalArgumentException.class, () -> FakeReply.error(200, "ok"));
    assertTrue(status.getMessage().contains("status"), status.getMessage());
    IllegalArgumentException chunks =
        assertThrows(
            IllegalArgumentException.class, () -> FakeReply.text("x").withDisconnectAfter(-1));
    assertTrue(chunks.getMessage().contains("chunks"), chunks.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> FakeReply.rateLimited(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> FakeReply.toolCall(" ", "{}"));
    assertThrows(NullPointerException.class, () -> FakeReply.text(null));
  }

  @Test
  void aRecordedRequestWithoutJsonHasAMissingBodyNode() {
    RecordedRequest request =
        new RecordedRequest("GET", "/api/tags", Map.of("X-Key", List.of("v")), "", Instant.EPOCH);

    assertTrue(request.json().isMissingNode());
    assertEquals("v", request.header("x-key").orElseThrow());
    assertTrue(request.lastMessage("user").isEmpty());
  }

  @Test
  void errorStatusesRunFrom400To599() {
    assertEquals(400, FakeReply.error(400, "bad").status());
    assertEquals(599, FakeReply.error(599, "odd").status());
    assertThrows(IllegalArgumentException.class, () -> FakeReply.error(399, "no"));
    assertThrows(IllegalArgumentException.class, () -> FakeReply.error(600, "no"));
  }

  @Test
  void zeroCountsAreAllowedAndNullsAreNamed() {
    FakeReply free = FakeReply.text("x").withUsage(0, 0).withDisconnectAfter(0);

    assertEquals(0, free.promptTokens());
    assertEquals(0, free.completionTokens());
    assertEquals(0, free.disconnectAfter());
    assertFalse(FakeReply.text("x").lengthLimited());
    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> FakeReply.text("x").withFirstByteDelay(null));
    assertEquals("delay cannot be null", e.getMessage());
  }

  @Test
  void toStringShowsTheKindStatusAndTextOrCalls() {
    assertEquals("FakeReply[ANSWER 200 hello]", FakeReply.text("hello").toString());
    assertTrue(
        FakeReply.toolCall("search", "{}").toString().contains("search"),
        FakeReply.toolCall("search", "{}")::toString);
    assertEquals("FakeReply[ERROR 500 internal server error]", FakeReply.serverError().toString());
  }

  @Test
  void aBodyThatIsNotJsonIsAMissingNode() {
    RecordedRequest request =
        new RecordedRequest("POST", "/api/chat", Map.of(), "not json {", Instant.EPOCH);

    assertTrue(request.json().isMissingNode());
    assertTrue(request.header("content-type").isEmpty());
  }
}
