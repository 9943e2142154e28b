/**
 * The Olympus test kit, for a host's tests and the SDK's own: {@link
 * dev.olympus.testing.FakeOllama} and {@link dev.olympus.testing.FakeOpenAi} (in-process servers
 * speaking the real wire formats, answering from a queue of {@link dev.olympus.testing.FakeReply}
 * replies, including faults, and recording each {@link dev.olympus.testing.RecordedRequest}), a
 * {@link dev.olympus.testing.ScriptedProvider} with no server, a {@link
 * dev.olympus.testing.RecordingConsent} and a {@link dev.olympus.testing.SettableClock}.
 */
package dev.olympus.testing;
