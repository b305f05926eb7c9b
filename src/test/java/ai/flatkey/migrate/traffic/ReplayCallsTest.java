package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.RequestCheck;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which recorded calls a replay sends (dedup, sample, costly, unreplayable) and what it expects of each. */
class ReplayCallsTest {
    private static RecordedCall call(int seq, String method, String path, String body, int status, String answer) {
        return new RecordedCall(seq, "2026-12-07T10:00:00Z", method, path, Map.of(),
                body == null ? null : JsonParser.parseString(body), null, status, Map.of(),
                answer == null ? null : JsonParser.parseString(answer), null, null, List.of(),
                new RecordedCall.Timing(100L, 200L), null, RecordedCall.COMPLETE);
    }

    private static RecordedCall chat(int seq, String body) {
        return call(seq, "POST", "/v1/chat/completions", body, 200, """
                {"choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]}""");
    }

    @Test
    void callsWithTheSameBodyInAnyKeyOrderAreOneCallAndTheModelKeepsThemApart() {
        List<RecordedCall> calls = List.of(
                chat(1, "{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":0}"),
                chat(2, "{\"temperature\":0,\"messages\":[{\"content\":\"x\",\"role\":\"user\"}],\"model\":\"a\"}"),
                chat(3, "{\"model\":\"b\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":0}"),
                call(4, "POST", "/v1/chat/completions?trace=1",
                        "{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":0}", 200, "{}"));
        ReplayCalls.Selection s = ReplayCalls.select(calls, 0, false);
        assertThat(s.send()).extracting(ReplayCalls.Distinct::seqs).containsExactly(List.of(1, 2, 4), List.of(3));
        assertThat(s.send().get(0).name()).isEqualTo("replay-1");
        assertThat(s.distinct()).isEqualTo(2);
    }

    @Test
    void aSampleIsTheSameWhateverTheRecordingsOrderAndKeepsRecordingOrder() {
        List<RecordedCall> calls = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            calls.add(chat(i, "{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"question " + i + "\"}]}"));
        }
        List<String> first = ReplayCalls.select(calls, 5, false).send().stream().map(ReplayCalls.Distinct::key).toList();
        List<RecordedCall> shuffled = new ArrayList<>(calls);
        Collections.reverse(shuffled);
        List<String> again = ReplayCalls.select(shuffled, 5, false).send().stream().map(ReplayCalls.Distinct::key).sorted().toList();
        assertThat(first).hasSize(5).containsExactlyInAnyOrderElementsOf(again);
        List<Integer> seqs = ReplayCalls.select(calls, 5, false).send().stream().map(d -> d.call().seq()).toList();
        assertThat(seqs).isSorted();
        assertThat(ReplayCalls.select(calls, 5, false).skipped()).hasSize(15)
                .allMatch(x -> x.skip() == ReplayCalls.Skip.NOT_SAMPLED);
        assertThat(ReplayCalls.select(calls, 50, false).send()).hasSize(20);
    }

    @Test
    void costlyCallsWaitForTheOptInAndSideEffectsAreNeverSent() {
        List<RecordedCall> calls = List.of(
                chat(1, "{\"model\":\"a\",\"messages\":[],\"max_completion_tokens\":9000}"),
                chat(2, "{\"model\":\"a\",\"messages\":[],\"n\":3}"),
                chat(3, "{\"model\":\"a\",\"messages\":[],\"modalities\":[\"text\",\"audio\"],\"audio\":{\"voice\":\"alloy\"}}"),
                call(4, "DELETE", "/v1/files/file-1", null, 200, "{}"),
                call(5, "POST", "/v1/audio/speech", "{\"model\":\"tts-1\",\"input\":\"hi\"}", 200, null),
                call(6, "GET", "/v1/models", null, 200, "{}"),
                call(7, "POST", "/v1/chat/completions", "{\"model\":\"a\",\"messages\":[]}", 503, "{}"),
                chat(8, "{\"model\":\"a\",\"messages\":[]}"),
                call(9, "POST", "/v1/chat/completions", "{\"model\":\"b\",\"messages\":[]}", 429, "{}"));
        ReplayCalls.Selection without = ReplayCalls.select(calls, 0, false);
        assertThat(without.send()).extracting(d -> d.call().seq()).as("the answered one of a retried call").containsExactly(8);
        assertThat(without.send().get(0).seqs()).containsExactly(7, 8);
        assertThat(without.skipped()).extracting(x -> x.call().call().seq() + " " + x.skip()).containsExactly(
                "1 COSTLY", "2 COSTLY", "3 COSTLY", "4 NOT_REPLAYABLE", "5 COSTLY", "6 NOT_REPLAYABLE",
                "9 NO_ANSWER");
        assertThat(without.skipped().get(0).why()).isEqualTo("it allows 9000 output tokens (max_completion_tokens):"
                + " replayed only with costly calls included");
        assertThat(without.skipped().get(3).why()).contains("DELETE /v1/files/file-1 may change data");
        assertThat(without.skipped().get(6).why()).contains("transient error (HTTP 429)");
        ReplayCalls.Selection with = ReplayCalls.select(calls, 0, true);
        assertThat(with.send()).extracting(d -> d.call().seq()).containsExactly(1, 2, 3, 5, 8);
    }

    /** A call whose body was an upload, kept by reference as the proxy keeps multipart bodies. */
    private static RecordedCall upload(int seq, String path) {
        return new RecordedCall(seq, "2026-12-07T10:00:00Z", "POST", path, Map.of(), null,
                new RecordedCall.BodyRef("multipart/form-data; boundary=x", 48_213, "ab".repeat(32),
                        List.of("file=@clip.wav (audio/wav, 48000 bytes)", "model=whisper-1"), "whisper-1"),
                200, Map.of(), JsonParser.parseString("{\"text\":\"hi\"}"), null, null, List.of(),
                new RecordedCall.Timing(100L, 200L), null, RecordedCall.COMPLETE);
    }

    private static RecordedCall speech(int seq, String body, String contentType) {
        return new RecordedCall(seq, "2026-12-07T10:00:00Z", "POST", "/v1/audio/speech", Map.of(),
                JsonParser.parseString(body), null, 200, Map.of("content-type", contentType), null, null,
                new RecordedCall.BodyRef(contentType, 12_044, "cd".repeat(32), List.of(), null), List.of(),
                new RecordedCall.Timing(100L, 200L), null, RecordedCall.COMPLETE);
    }

    @Test
    void imagesAndSpeechWaitForTheOptInModerationsDoNotAndUploadsAndSideEffectsAreNeverSent() {
        List<RecordedCall> calls = List.of(
                call(1, "POST", "/v1/images/generations", "{\"model\":\"gpt-image-1\",\"prompt\":\"fox\",\"n\":2}",
                        200, "{\"created\":1,\"data\":[{\"b64_json\":\"AAAA\"},{\"b64_json\":\"BBBB\"}]}"),
                speech(2, "{\"model\":\"tts-1\",\"input\":\"hi\",\"voice\":\"alloy\"}", "audio/mpeg"),
                call(3, "POST", "/v1/moderations", "{\"input\":\"hi\"}", 200, "{\"results\":[{\"flagged\":false}]}"),
                upload(4, "/v1/audio/transcriptions"),
                upload(5, "/v1/images/edits"),
                call(6, "POST", "/v1/files", null, 200, "{}"),
                call(7, "POST", "/v1/batches", "{\"input_file_id\":\"file-1\"}", 200, "{}"),
                call(8, "POST", "/v1/fine_tuning/jobs", "{\"model\":\"gpt-4o-mini\"}", 200, "{}"),
                call(9, "POST", "/v1/videos", "{\"model\":\"sora-2\",\"prompt\":\"x\"}", 200, "{}"));
        ReplayCalls.Selection without = ReplayCalls.select(calls, 0, false);
        assertThat(without.send()).extracting(d -> d.call().seq() + " " + d.api()).containsExactly("3 MODERATIONS");
        assertThat(without.skipped()).extracting(x -> x.call().call().seq() + " " + x.skip()).containsExactly(
                "1 COSTLY", "2 COSTLY", "4 NOT_REPLAYABLE", "5 NOT_REPLAYABLE", "6 NOT_REPLAYABLE", "7 NOT_REPLAYABLE",
                "8 NOT_REPLAYABLE", "9 NOT_REPLAYABLE");
        List<String> why = without.skipped().stream().map(ReplayCalls.Skipped::why).toList();
        assertThat(why.get(0)).isEqualTo("it generates images (POST /v1/images/generations, 2 images, billed per"
                + " image): replayed only with costly calls included");
        assertThat(why.get(1)).isEqualTo("it returns spoken audio (POST /v1/audio/speech, billed by the audio's"
                + " length): replayed only with costly calls included");
        assertThat(why.get(2)).isEqualTo("POST /v1/audio/transcriptions sent its body as multipart/form-data (an"
                + " upload), which the recording keeps by reference only (its size and digest), not the body itself:"
                + " there is nothing to send again; check it with the audio smoke check");
        assertThat(why.get(3)).startsWith("POST /v1/images/edits sent its body as multipart/form-data (an upload)")
                .endsWith("check it with the images smoke check");
        assertThat(why.get(4)).startsWith("POST /v1/files has side effects (it stores files or starts jobs on the"
                + " gateway): never replayed");
        assertThat(why.get(5)).startsWith("POST /v1/batches has side effects");
        assertThat(why.get(6)).startsWith("POST /v1/fine_tuning/jobs has side effects");
        assertThat(why.get(7)).startsWith("POST /v1/videos is a video job (create, poll, download), which this build"
                + " does not replay");
        assertThat(why).noneMatch(w -> w.contains("replays only chat"));

        ReplayCalls.Selection with = ReplayCalls.select(calls, 0, true);
        assertThat(with.send()).extracting(d -> d.call().seq() + " " + d.api())
                .containsExactly("1 IMAGES", "2 SPEECH", "3 MODERATIONS");
        assertThat(with.skipped()).extracting(x -> x.call().call().seq()).containsExactly(4, 5, 6, 7, 8, 9);
    }

    @Test
    void aFamilysExpectationsAreItsRecordedStructure() {
        RecordedCall images = call(1, "POST", "/v1/images/generations", "{\"model\":\"gpt-image-1\",\"prompt\":\"x\"}",
                200, "{\"created\":1,\"data\":[{\"b64_json\":\"AAAA\"},{\"b64_json\":\"BBBB\"}],"
                        + "\"usage\":{\"input_tokens\":3,\"output_tokens\":272,\"total_tokens\":275}}");
        assertThat(Expectations.of(images, RequestCheck.Api.IMAGES)).extracting(Assertion::describe)
                .containsExactly("2 images", "images as b64_json", "usage present");
        RecordedCall mixed = call(1, "POST", "/v1/images/generations", "{\"prompt\":\"x\"}", 200,
                "{\"created\":1,\"data\":[{\"url\":\"https://x/1.png\"},{\"b64_json\":\"AAAA\"}]}");
        assertThat(Expectations.of(mixed, RequestCheck.Api.IMAGES)).extracting(Assertion::describe)
                .as("no one kind to expect").containsExactly("2 images");
        assertThat(Expectations.of(speech(2, "{\"input\":\"hi\",\"voice\":\"alloy\"}", "audio/wav; codec=pcm"),
                RequestCheck.Api.SPEECH)).extracting(Assertion::describe).containsExactly("content type audio/wav");
        RecordedCall moderation = call(3, "POST", "/v1/moderations", "{\"input\":[\"a\",\"b\"]}", 200,
                "{\"id\":\"modr-1\",\"results\":[{\"flagged\":false},{\"flagged\":true}]}");
        assertThat(Expectations.of(moderation, RequestCheck.Api.MODERATIONS)).extracting(Assertion::describe)
                .containsExactly("2 moderation results");
        assertThat(ReplayVerdicts.rule("ASSERT-IMG-COUNT")).isEqualTo("REPLAY-IMAGES");
        assertThat(ReplayVerdicts.rule("ASSERT-IMG-FORMAT")).isEqualTo("REPLAY-IMAGES");
        assertThat(ReplayVerdicts.rule("ASSERT-CONTENT-TYPE")).isEqualTo("REPLAY-SPEECH");
        assertThat(ReplayVerdicts.rule("ASSERT-MOD-COUNT")).isEqualTo("REPLAY-MODERATIONS");
    }

    @Test
    void theExpectationsAreTheRecordedStructureNeverItsText() {
        RecordedCall refused = call(1, "POST", "/v1/chat/completions", "{\"model\":\"a\",\"messages\":[]}", 400,
                "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}");
        assertThat(Expectations.of(refused, RequestCheck.Api.CHAT)).extracting(Assertion::describe)
                .containsExactly("status 4xx", "refused with an OpenAI error object");
        RecordedCall refusedInText = call(1, "POST", "/v1/chat/completions", "{\"model\":\"a\",\"messages\":[]}",
                400, "\"Bad Request\"");
        assertThat(Expectations.of(refusedInText, RequestCheck.Api.CHAT)).extracting(Assertion::describe)
                .as("a refusal the recording did not see as an error object expects only a refusal")
                .containsExactly("status 4xx");
        RecordedCall cut = call(2, "POST", "/v1/chat/completions", """
                {"model":"a","messages":[],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}}}""",
                200, """
                {"choices":[{"index":0,"message":{"role":"assistant","content":"{\\"a\\":"},"finish_reason":"length"}],
                 "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""");
        assertThat(Expectations.of(cut, RequestCheck.Api.CHAT)).as("a cut answer expects neither its reason nor JSON")
                .extracting(Assertion::describe).containsExactly("usage present");
        RecordedCall json = call(3, "POST", "/v1/chat/completions", """
                {"model":"a","messages":[],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}}}""",
                200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"{}\"},\"finish_reason\":\"stop\"}]}");
        assertThat(Expectations.of(json, RequestCheck.Api.CHAT)).extracting(Assertion::describe)
                .containsExactly("finish_reason stop", "is JSON valid against the schema");
    }

    @Test
    void aShapesOnlyRecordingIsReplayedWithAWarningThatItsTextsAreMissing() throws Exception {
        Recording shapes = new Recording(new RecordingHeader(RecordingHeader.FORMAT, 1, "t", "", RecordingHeader.SHAPES,
                "test"), List.of(chat(1, "{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"[12 characters not recorded]\"}]}")), List.of());
        Replay.Selected s = Replay.select(shapes, "shapes.jsonl", Replay.Options.defaults());
        assertThat(s.selection().send()).hasSize(1);
        assertThat(s.warnings()).singleElement().satisfies(w -> assertThat(w).startsWith("shapes.jsonl keeps shapes"
                + " only: message texts were not recorded"));
    }

    @Test
    void aMalformedLineIsReportedAndTheRestReplayedAndAnEmptyRecordingSaysSo(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("r.jsonl");
        DemoRecordings.write(file, "https://api.example.test/v1", List.of(chat(1, "{\"model\":\"a\",\"messages\":[]}")), "");
        Files.writeString(file, Files.readString(file) + "{\"seq\":2,\"method\":\n" + "not json at all\n",
                java.nio.charset.StandardCharsets.UTF_8);
        Replay.Selected s = Replay.select(RecordingReader.read(file), "r.jsonl", Replay.Options.defaults());
        assertThat(s.selection().send()).hasSize(1);
        assertThat(s.warnings()).isEmpty();
        assertThat(s.unread()).containsExactly(
                "r.jsonl: line 3: not a JSON object (malformed) (the other calls are replayed)",
                "r.jsonl: line 4: not a JSON object (malformed) (the other calls are replayed)");

        Path empty = dir.resolve("empty.jsonl");
        DemoRecordings.write(empty, "https://api.example.test/v1", List.of(), "");
        assertThatThrownBy(() -> Replay.select(RecordingReader.read(empty), "empty.jsonl", Replay.Options.defaults()))
                .isInstanceOf(Replay.NothingToReplay.class)
                .hasMessage("empty.jsonl holds no recorded call: record some traffic first (flatkey-migrate record)");
        Path onlyImages = dir.resolve("images.jsonl");
        DemoRecordings.write(onlyImages, "", List.of(call(1, "POST", "/v1/images/generations", "{\"prompt\":\"x\"}", 200,
                "{}")), "");
        assertThatThrownBy(() -> Replay.select(RecordingReader.read(onlyImages), "images.jsonl", Replay.Options.defaults()))
                .isInstanceOf(Replay.NothingToReplay.class)
                .hasMessageStartingWith("None of the 1 distinct calls of images.jsonl can be replayed: #1 it generates"
                        + " images (POST /v1/images/generations, 1 image, billed per image): replayed only with costly"
                        + " calls included");
    }
}
