package ai.flatkey.migrate.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request checks of the JSON-body endpoint families (image generations, speech, moderations): their endpoint names
 * and routes read, their bodies and assertions checked by line, an assertion their answers cannot give evidence for
 * refused, and a pasted curl to one of their routes imported as a check of that endpoint.
 */
class FamilyCheckSyntaxTest {
    @TempDir
    Path dir;

    @Test
    void theRouteFormsNameTheFamilyEndpoints() {
        assertThat(RequestCheck.Api.byKey("images")).contains(RequestCheck.Api.IMAGES);
        assertThat(RequestCheck.Api.byKey("images/generations")).contains(RequestCheck.Api.IMAGES);
        assertThat(RequestCheck.Api.byKey("/v1/images/generations")).contains(RequestCheck.Api.IMAGES);
        assertThat(RequestCheck.Api.byKey("/v1/audio/speech")).contains(RequestCheck.Api.SPEECH);
        assertThat(RequestCheck.Api.byKey("speech")).contains(RequestCheck.Api.SPEECH);
        assertThat(RequestCheck.Api.byKey("v1/moderations")).contains(RequestCheck.Api.MODERATIONS);
        assertThat(RequestCheck.Api.byKey("images/edits")).contains(RequestCheck.Api.IMAGE_EDITS);
        assertThat(RequestCheck.Api.byKey("audio/transcriptions")).contains(RequestCheck.Api.TRANSCRIPTIONS);
        assertThat(RequestCheck.Api.byKey("/v1/audio/translations")).contains(RequestCheck.Api.TRANSLATIONS);
        assertThat(RequestCheck.Api.IMAGES.path()).isEqualTo("images/generations");
        assertThat(RequestCheck.Api.SPEECH.path()).isEqualTo("audio/speech");
    }

    @Test
    void familyChecksWithTheirOwnAssertionsRead() {
        CheckFile.Loaded loaded = CheckFile.parse("""
                checks:
                  - name: icons
                    endpoint: /v1/images/generations
                    body: {model: gpt-image-1, prompt: A paper plane, n: 2, size: 64x64}
                    assert:
                      - status: 200
                      - image-count: 2
                      - image-format: B64_JSON
                      - usage
                      - latency: 30000
                      - cost: 0.5
                  - name: hello-audio
                    endpoint: audio/speech
                    body: {model: tts-1, input: Hello there, voice: alloy, response_format: wav}
                    assert: [{content-type: audio/wav}, {latency: 9000}]
                  - name: moderate
                    endpoint: moderations
                    body: {input: [I love my cat, I will hug you]}
                    assert: [{moderation-count: 2}, {flagged: false}, error-shape]
                """, "checks.yaml");
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.checks()).extracting(RequestCheck::api).containsExactly(RequestCheck.Api.IMAGES,
                RequestCheck.Api.SPEECH, RequestCheck.Api.MODERATIONS);
        assertThat(loaded.checks().get(0).assertions()).extracting(Assertion::describe).containsExactly("status 200",
                "2 images", "images as b64_json", "usage present", "latency ≤ 30000 ms", "cost ≤ $0.5");
        assertThat(loaded.checks().get(1).assertions().get(0).toJson().toString())
                .isEqualTo("{\"content-type\":\"audio/wav\"}");
        assertThat(loaded.checks().get(0).toJson().get("endpoint").getAsString()).isEqualTo("images");
        assertThat(loaded.checks().get(2).stream()).isFalse();
    }

    @Test
    void anAssertionAFamilysAnswerCannotHaveIsRefusedByLine() {
        CheckFile.Loaded loaded = CheckFile.parse("""
                checks:
                  - name: icon
                    endpoint: images
                    body: {model: gpt-image-1, prompt: A paper plane}
                    assert:
                      - tool-call: get_weather
                      - contains: plane
                  - name: speak
                    endpoint: speech
                    body: {model: tts-1, input: Hi, voice: alloy}
                    assert:
                      - usage
                      - image-count: 1
                  - name: chatty
                    body: {messages: [{role: user, content: Hi}]}
                    assert:
                      - moderation-count: 1
                """, "checks.yaml");
        assertThat(loaded.checks()).isEmpty();
        assertThat(loaded.problems()).containsExactly(
                "checks.yaml:6: check \"icon\", assertion 1 (tool-call): applies to answers of [chat], not of the"
                        + " images endpoint",
                "checks.yaml:7: check \"icon\", assertion 2 (contains): applies to answers of [chat, responses,"
                        + " transcriptions, translations], not of the images endpoint",
                "checks.yaml:12: check \"speak\", assertion 1 (usage): applies to answers of [chat, responses,"
                        + " embeddings, images, transcriptions, image-edits], not of the speech endpoint",
                "checks.yaml:13: check \"speak\", assertion 2 (image-count): applies to answers of [images,"
                        + " image-edits], not of the speech endpoint",
                "checks.yaml:17: check \"chatty\", assertion 1 (moderation-count): applies to answers of"
                        + " [moderations], not of the chat endpoint");
    }

    @Test
    void aFamilyBodyAndValueMistakeIsNamedByLine() {
        CheckFile.Loaded loaded = CheckFile.parse("""
                checks:
                  - name: icon
                    endpoint: images
                    body: {model: gpt-image-1, n: 0, stream: true}
                    assert:
                      - image-format: png
                  - name: speak
                    endpoint: speech
                    body: {model: tts-1, input: Hi}
                    assert:
                      - content-type: wav
                  - name: moderate
                    endpoint: moderations
                    body: {model: omni-moderation-latest}
                    assert:
                      - flagged: maybe
                """, "checks.yaml");
        assertThat(loaded.checks()).isEmpty();
        assertThat(loaded.problems()).containsExactly(
                "checks.yaml:4: check \"icon\": an images body needs \"prompt\" (text)",
                "checks.yaml:4: check \"icon\": body.n must be a whole number of images (1 or more)",
                "checks.yaml:4: check \"icon\": this build reads images answers whole, not streamed; leave out"
                        + " \"stream\"",
                "checks.yaml:6: check \"icon\", assertion 1: image-format is b64_json or url (how each image of"
                        + " data[] comes); found \"png\"",
                "checks.yaml:9: check \"speak\": a speech body needs \"voice\"",
                "checks.yaml:11: check \"speak\", assertion 1: content-type is a media type such as audio/wav or"
                        + " audio/mpeg; found \"wav\"",
                "checks.yaml:14: check \"moderate\": a moderations body needs \"input\"",
                "checks.yaml:16: check \"moderate\", assertion 1: flagged is true or false (whether the input is"
                        + " flagged); found \"maybe\"");
    }

    @Test
    void aCurlToTheImagesRouteBecomesAnImagesCheck() {
        ForeignChecks r = CurlImport.read("""
                curl https://api.openai.com/v1/images/generations \\
                  -H "Content-Type: application/json" \\
                  -H "Authorization: Bearer $OPENAI_API_KEY" \\
                  -d '{"model": "gpt-image-1", "prompt": "A paper plane", "n": 1, "size": "1024x1024"}'
                curl https://api.openai.com/v1/audio/speech -H "Authorization: Bearer $OPENAI_API_KEY" \\
                  --json '{"model": "tts-1", "input": "Hello", "voice": "alloy"}' -o hello.mp3
                curl https://api.openai.com/v1/images/edits -F image=@in.png -F prompt=star
                """, "media.sh", dir);
        assertThat(r.checks()).extracting(RequestCheck::name, RequestCheck::api).containsExactly(
                org.assertj.core.groups.Tuple.tuple("media-1", RequestCheck.Api.IMAGES),
                org.assertj.core.groups.Tuple.tuple("media-2", RequestCheck.Api.SPEECH),
                org.assertj.core.groups.Tuple.tuple("media-3", RequestCheck.Api.IMAGE_EDITS));
        assertThat(r.checks().get(0).body().toString()).isEqualTo(
                "{\"model\":\"gpt-image-1\",\"prompt\":\"A paper plane\",\"n\":1,\"size\":\"1024x1024\"}");
        assertThat(r.checks().get(2).body().toString()).isEqualTo("{\"image\":\"in.png\",\"prompt\":\"star\"}");
        assertThat(r.notImported()).isEmpty();
        assertThat(List.copyOf(r.notes())).anySatisfy(n -> assertThat(n).contains("dropped header Authorization"));
    }
}
