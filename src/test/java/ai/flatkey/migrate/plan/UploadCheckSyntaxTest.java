package ai.flatkey.migrate.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transcription and translation checks as written: {@code file} required and looked for beside the check file, the
 * other fields form fields of text, and the assertions their answers cannot give evidence for refused by line.
 */
class UploadCheckSyntaxTest {
    @TempDir
    Path dir;

    @Test
    void aWellFormedUploadReadsWithItsFileBesideTheCheckFile() throws Exception {
        Files.createDirectories(dir.resolve("audio"));
        Files.write(dir.resolve("audio/hello.wav"), new byte[]{1, 2, 3});
        Files.writeString(dir.resolve("checks.yaml"), """
                checks:
                  - name: hello
                    endpoint: /v1/audio/transcriptions
                    body: {model: whisper-1, file: audio/hello.wav, timestamp_granularities: [word], stream: true}
                    assert: [usage, {tokens: 500}, {regex: "(?i)hello"}]
                  - name: english
                    endpoint: audio/translations
                    body: {model: whisper-1, file: audio/hello.wav, response_format: text, temperature: 0.2}
                    assert: [not-empty, {equals: Hello.}]
                """);
        CheckFile.Loaded loaded = CheckFile.read(dir.resolve("checks.yaml"));
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.checks()).extracting(RequestCheck::api).containsExactly(RequestCheck.Api.TRANSCRIPTIONS,
                RequestCheck.Api.TRANSLATIONS);
        assertThat(loaded.checks().get(0).stream()).isTrue();
        assertThat(loaded.checks().get(0).filePath()).isEqualTo(dir.resolve("audio/hello.wav").toAbsolutePath()
                .normalize());
        assertThat(loaded.checks().get(0).toJson().has("folder")).as("never written").isFalse();
    }

    @Test
    void aCheckCopiedIntoAPlanInAnotherFolderStillNamesItsFile() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app/checks"));
        Files.createDirectories(app.resolve("audio"));
        Files.write(app.resolve("audio/hello.wav"), new byte[]{1});
        Files.writeString(app.resolve("checks.yaml"), """
                - name: hello
                  endpoint: transcriptions
                  body: {model: whisper-1, file: audio/hello.wav}
                """);
        CheckFile.Loaded loaded = CheckFile.read(app.resolve("checks.yaml"));
        Path planFile = Files.createDirectories(dir.resolve("plans")).resolve("plan.json");
        CheckImport copied = CheckImport.copy(MigrationPlan.newPlan("p"), planFile, loaded.checks());
        RequestCheck kept = copied.plan().requestChecks().get(0);
        assertThat(kept.file()).isEqualTo("../app/checks/audio/hello.wav");
        assertThat(kept.filePath()).isEqualTo(app.resolve("audio/hello.wav").toAbsolutePath().normalize());
        assertThat(kept.origin()).isEmpty();
    }

    @Test
    void aPlanSavedAsIntoAnotherFolderStillNamesItsChecksFiles() throws Exception {
        Path from = Files.createDirectories(dir.resolve("a")).resolve("plan.json");
        Path to = Files.createDirectories(dir.resolve("b/c")).resolve("plan.json");
        RequestCheck clip = RequestCheck.starter("clip", "whisper-1", RequestCheck.Api.TRANSCRIPTIONS);
        MigrationPlan plan = MigrationPlan.newPlan("p").withRequestChecks(java.util.List.of(clip,
                RequestCheck.starter("chat", "gpt-4o-mini")));
        MigrationPlan moved = PlanStore.movedTo(plan, from, to);
        assertThat(moved.requestChecks().get(0).file()).isEqualTo("../../a/audio/hello.wav");
        assertThat(moved.requestChecks().get(0).filePath()).isEqualTo(dir.resolve("a/audio/hello.wav")
                .toAbsolutePath().normalize());
        assertThat(moved.requestChecks().get(1)).isEqualTo(plan.requestChecks().get(1));
        com.google.gson.JsonObject body = com.google.gson.JsonParser.parseString("{\"prompt\": \"star\", \"image\":"
                + " [\"images/a.png\", \"/abs/b.png\"], \"mask\": \"images/m.png\"}").getAsJsonObject();
        RequestCheck edit = new RequestCheck("edit", RequestCheck.Api.IMAGE_EDITS, body, java.util.List.of(), "")
                .withFolder(from.getParent()).keptIn(to.getParent());
        assertThat(edit.files()).containsExactly("../../a/images/a.png", "/abs/b.png", "../../a/images/m.png");
        assertThat(PlanStore.movedTo(plan, from, dir.resolve("a/other.json"))).as("same folder").isSameAs(plan);
    }

    @Test
    void mistakesAndAssertionsWithoutEvidenceAreNamedByLine() {
        CheckFile.Loaded loaded = CheckFile.parse("""
                checks:
                  - name: no-file
                    endpoint: transcriptions
                    body: {model: whisper-1}
                  - name: odd
                    endpoint: transcriptions
                    body: {file: a.wav, response_format: mp3, voice: alloy, prompt: {text: hi}}
                    assert:
                      - is-json
                      - ttft: 500
                      - tool-call: lookup
                  - name: english
                    endpoint: translations
                    body: {file: a.wav, stream: true}
                    assert: [usage]
                  - name: edit
                    endpoint: image-edits
                    body: {image: [], mask: "", n: 0, voice: alloy}
                    assert: [not-empty]
                """, "checks.yaml");
        assertThat(loaded.checks()).isEmpty();
        assertThat(String.join("\n", loaded.problems())).contains(
                "checks.yaml:4: check \"no-file\": a transcriptions body needs \"file\": the audio file to upload,"
                        + " relative to the check file",
                "check \"odd\": body.response_format must be one of json, text, srt, verbose_json, vtt",
                "check \"odd\": \"voice\" is not a form field of transcriptions",
                "check \"odd\": body.prompt is sent as a form field: it must be text or a number",
                "checks.yaml:9: check \"odd\", assertion 1 (is-json): applies to answers of [chat, responses], not"
                        + " of the transcriptions endpoint",
                "checks.yaml:10: check \"odd\", assertion 2 (ttft)",
                "checks.yaml:11: check \"odd\", assertion 3 (tool-call)",
                "check \"english\": \"stream\" is not a form field of translations",
                "check \"english\", assertion 1 (usage): applies to answers of [chat, responses, embeddings, images,"
                        + " transcriptions, image-edits], not of the translations endpoint",
                "checks.yaml:18: check \"edit\": an image-edits body needs \"image\": the image file to upload",
                "check \"edit\": body.mask must be the mask image's file",
                "check \"edit\": an image-edits body needs \"prompt\" (text)",
                "check \"edit\": body.n must be a whole number of images (1 or more)",
                "check \"edit\": \"voice\" is not a form field of image-edits",
                "check \"edit\", assertion 1 (not-empty): applies to answers of [chat, responses, transcriptions,"
                        + " translations], not of the image-edits endpoint");
    }
}
