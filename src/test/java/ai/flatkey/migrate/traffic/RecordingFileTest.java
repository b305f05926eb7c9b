package ai.flatkey.migrate.traffic;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingFileTest {
    /** A fake key that stands for the app's own: it must never reach the file in any form. */
    private static final String CANARY = "sk-test-CANARY0123456789abcdefCANARY";

    @TempDir
    Path dir;

    private static RecordingHeader header(String contents) {
        return new RecordingHeader(RecordingHeader.FORMAT, RecordingHeader.VERSION, "2026-12-07T12:00:00Z",
                "https://user:" + "hunter2secret@api.example.test/v1", contents, "flatkey-migrate test");
    }

    private static RecordedCall call() {
        String body = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"api_key\":\"plain-value-1234\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"my key is " + CANARY + " ok\"}]}";
        return new RecordedCall(1, "2026-12-07T12:00:01Z", "POST", "/v1/chat/completions?api_key=" + CANARY,
                Map.of("content-type", "application/json", "authorization", "Bearer " + CANARY),
                JsonParser.parseString(body), null, 200,
                Map.of("content-type", "text/event-stream", "x-request-id", "req_1"), null, null, null,
                List.of(new RecordedCall.SseEvent(12, null,
                                "{\"choices\":[{\"delta\":{\"content\":\"echo Bearer " + CANARY + "\"}}]}"),
                        new RecordedCall.SseEvent(30, null, "[DONE]")),
                new RecordedCall.Timing(12L, 30L), new RecordedCall.Usage(9, 3, 12), null);
    }

    @Test
    void aCallRoundTripsAndNoSecretReachesTheFile() throws Exception {
        Path file = dir.resolve("calls.jsonl");
        try (RecordingWriter w = RecordingWriter.create(file, header(RecordingHeader.FULL), false)) {
            w.append(call(), new Redaction(false, List.of(CANARY)));
        }
        String text = Files.readString(file);
        assertThat(text).doesNotContain("CANARY", "hunter2secret", "plain-value-1234");
        Recording r = RecordingReader.read(file);
        assertThat(r.problems()).isEmpty();
        assertThat(r.header().upstream()).doesNotContain("hunter2secret").contains("api.example.test/v1");
        RecordedCall c = r.calls().get(0);
        assertThat(c.model()).isEqualTo("gpt-4o-mini");
        assertThat(c.route()).isEqualTo("/v1/chat/completions");
        assertThat(c.streamed()).isTrue();
        assertThat(c.events()).extracting(RecordedCall.SseEvent::data).last().isEqualTo("[DONE]");
        assertThat(c.usage().totalTokens()).isEqualTo(12);
        assertThat(c.outcome()).isEqualTo(RecordedCall.COMPLETE);
    }

    @Test
    void shapesModeKeepsTheShapeNotTheWords() throws Exception {
        Path file = dir.resolve("shapes.jsonl");
        try (RecordingWriter w = RecordingWriter.create(file, header(RecordingHeader.SHAPES), false)) {
            w.append(call(), new Redaction(true, List.of(CANARY)));
        }
        RecordedCall c = RecordingReader.read(file).calls().get(0);
        String content = c.requestBody().getAsJsonObject().getAsJsonArray("messages").get(0).getAsJsonObject()
                .get("content").getAsString();
        assertThat(content).isEqualTo("[" + ("my key is " + CANARY + " ok").length() + " characters not recorded]");
        assertThat(c.requestBody().getAsJsonObject().get("stream").getAsBoolean()).isTrue();
        assertThat(c.events().get(0).data()).contains("\"delta\"").doesNotContain("echo");
    }

    @Test
    void aBadLineIsReportedAndTheRestKept() throws Exception {
        Path file = dir.resolve("cut.jsonl");
        try (RecordingWriter w = RecordingWriter.create(file, header(RecordingHeader.FULL), false)) {
            w.append(call(), new Redaction(false, List.of()));
        }
        Files.writeString(file, "{\"seq\":2,\"method\":\"POST\",\"pa", java.nio.file.StandardOpenOption.APPEND);
        Recording r = RecordingReader.read(file);
        assertThat(r.calls()).hasSize(1);
        assertThat(r.problems()).containsExactly("line 3: not a JSON object (malformed)");
    }

    @Test
    void notARecordingAndANewerVersionAreRefusedInWords() throws Exception {
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "{\"schemaVersion\":4}\n");
        assertThatThrownBy(() -> RecordingReader.read(plan)).hasMessageContaining("plan.json is not a recording");
        Path newer = dir.resolve("newer.jsonl");
        Files.writeString(newer, "{\"format\":\"flatkey-recording\",\"version\":9}\n");
        assertThatThrownBy(() -> RecordingReader.read(newer)).hasMessageContaining("format version 9")
                .hasMessageContaining("update the app");
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> RecordingReader.read(empty)).hasMessageContaining("is empty");
        Path binary = dir.resolve("bin.jsonl");
        Files.write(binary, new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> RecordingReader.read(binary)).hasMessageContaining("not UTF-8");
    }

    @Test
    void anExistingFileIsNotReplacedUnlessAsked() throws Exception {
        Path file = dir.resolve("keep.jsonl");
        Files.writeString(file, "precious");
        assertThatThrownBy(() -> RecordingWriter.create(file, header(RecordingHeader.FULL), false))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("precious");
    }
}
