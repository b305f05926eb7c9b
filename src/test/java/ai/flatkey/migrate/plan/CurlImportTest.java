package ai.flatkey.migrate.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pasted curl commands as request checks: shell quoting, the flags a check uses, and everything else reported. */
class CurlImportTest {
    @TempDir
    Path dir;

    @Test
    void shellQuotingIsReadAsTheShellReadsIt() {
        List<List<String>> c = CurlImport.commands("curl 'a b' \"c \\\"d\\\" \\$e\" f\\ g $'h\\ni\\x41\\'' \\\n  j # k\n");
        assertThat(c).containsExactly(List.of("curl", "a b", "c \"d\" $e", "f g", "h\niA'", "j"));
    }

    @Test
    void severalCommandsAndAPromptSignSplitIntoCommands() {
        List<List<String>> c = CurlImport.commands("$ curl -s x\necho done; curl y && curl z\n");
        assertThat(c).containsExactly(List.of("curl", "-s", "x"), List.of("echo", "done"), List.of("curl", "y"),
                List.of("curl", "z"));
    }

    @Test
    void aMultipartTranscriptionImportsAsATranscriptionsCheckWithItsFile() {
        ForeignChecks r = CurlImport.read("""
                curl https://api.openai.com/v1/audio/transcriptions \\
                  -H "Authorization: Bearer sk-test-whisper-not-a-real-key" \\
                  -F file=@hello.wav -F model=whisper-1 -F 'timestamp_granularities[]=word' \\
                  -F "timestamp_granularities[]=segment" -F response_format=verbose_json -F temperature=0.2
                curl https://api.openai.com/v1/audio/translations -F 'file=@clips/bonjour.mp3;type=audio/mpeg' \\
                  -F model=whisper-1 -F stream=true
                curl https://api.openai.com/v1/audio/transcriptions -d '{"model":"whisper-1"}'
                curl https://api.openai.com/v1/embeddings -F input=hi
                curl https://api.openai.com/v1/images/edits -F 'image[]=@a.png' -F 'image[]=@b.png;type=image/png' \\
                  -F mask=@m.png -F model=gpt-image-1 -F prompt='Add a star' -F n=2
                """, "audio.sh", dir);
        assertThat(r.checks()).hasSize(2);
        assertThat(r.checks().get(1).api()).isEqualTo(RequestCheck.Api.IMAGE_EDITS);
        assertThat(r.checks().get(1).body().toString()).isEqualTo("{\"image\":[\"a.png\",\"b.png\"],"
                + "\"mask\":\"m.png\",\"model\":\"gpt-image-1\",\"prompt\":\"Add a star\",\"n\":2}");
        RequestCheck c = r.checks().get(0);
        assertThat(c.api()).isEqualTo(RequestCheck.Api.TRANSCRIPTIONS);
        assertThat(c.file()).isEqualTo("hello.wav");
        assertThat(c.body().toString()).isEqualTo("{\"file\":\"hello.wav\",\"model\":\"whisper-1\","
                + "\"timestamp_granularities\":[\"word\",\"segment\"],\"response_format\":\"verbose_json\","
                + "\"temperature\":0.2}");
        assertThat(String.join("\n", r.notes())).contains("file hello.wav is looked for relative to the plan")
                .doesNotContain("sk-test-");
        assertThat(r.notImported()).hasSize(3);
        assertThat(r.notImported().get(0)).as("translations take no stream").contains("\"stream\" is not a form field"
                + " of translations");
        assertThat(r.notImported().get(1)).contains("takes a multipart form", "not a JSON body");
        assertThat(r.notImported().get(2)).contains("a multipart form (-F) is sent as a request check only to",
                "images/edits");
    }

    @Test
    void anUnclosedQuoteIsReported() {
        ForeignChecks r = CurlImport.read("curl https://x/v1/chat/completions -d '{\"a\":1}\n", "log.sh", dir);
        assertThat(r.checks()).isEmpty();
        assertThat(r.notImported()).containsExactly("log.sh: a single quote is not closed");
    }

    @Test
    void theBodyIsKeptAsWrittenAndTheKeyIsDropped() {
        ForeignChecks r = CurlImport.read("""
                curl --request POST https://api.example.test/v1/chat/completions \\
                  --header 'api-key: sk-test-azure-not-a-real-key' -u user:sk-test-user-not-a-real-key \\
                  -H 'X-Trace: 42' --retry 3 --fancy-new-flag \\
                  --data-raw '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"seed":7,"tool_choice":"none"}'
                """, "greet.sh", dir);
        assertThat(r.notImported()).isEmpty();
        RequestCheck c = r.checks().get(0);
        assertThat(c.name()).isEqualTo("greet");
        assertThat(c.api()).isEqualTo(RequestCheck.Api.CHAT);
        assertThat(c.body().toString()).isEqualTo(
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"seed\":7,\"tool_choice\":\"none\"}");
        assertThat(String.join("\n", r.notes())).contains("dropped header api-key (a credential",
                "dropped -u (a credential", "header X-Trace not kept", "unknown flag --fancy-new-flag not kept",
                "not kept, as they do not change the request: --retry 3").doesNotContain("sk-test-");
    }

    @Test
    void dataFromAFileIsReadBesideTheImportedFileAndAMissingOneIsNamed() throws Exception {
        Files.writeString(dir.resolve("emb.json"), "{\"model\": \"text-embedding-3-small\", \"input\": [\"a\", \"b\"]}");
        ForeignChecks r = CurlImport.read("""
                curl https://gw.test/v1/embeddings -H 'Content-Type: application/json' -d @emb.json
                curl https://gw.test/v1/responses --json @missing.json
                curl "https://gw.test/openai/deployments/prod/chat/completions?api-version=2024-10-21" --json '{"messages":[{"role":"user","content":"x"}]}'
                """, "calls.txt", dir);
        assertThat(r.checks()).extracting(RequestCheck::name).containsExactly("calls-1", "calls-3");
        assertThat(r.checks().get(0).api()).isEqualTo(RequestCheck.Api.EMBEDDINGS);
        assertThat(r.checks().get(0).body().getAsJsonArray("input")).hasSize(2);
        assertThat(r.checks().get(1).api()).isEqualTo(RequestCheck.Api.CHAT);
        assertThat(r.notImported()).singleElement().asString().startsWith("curl command 2: --json @missing.json: the"
                + " file ").contains("missing.json could not be read (data files are read relative to the imported file)");
    }

    @Test
    void whatCannotBeACheckIsNamed() {
        ForeignChecks r = CurlImport.read("""
                curl https://gw.test/v1/models
                curl -X GET https://gw.test/v1/chat/completions
                curl https://gw.test/v1/chat/completions -d 'model=gpt-4o'
                curl https://gw.test/v1/chat/completions -d '{"model":"m"}' -d '{"x":1}'
                curl https://gw.test/v1/chat/completions -d '{"model":"gpt-4o-mini"}'
                ls -l
                """, "x.sh", dir);
        assertThat(r.checks()).isEmpty();
        assertThat(r.notImported()).hasSize(6);
        assertThat(String.join("\n", r.notImported())).contains(
                "curl command 1: https://gw.test/v1/models is not an endpoint a request check can send to",
                "curl command 2: method GET", "curl command 3: the body is not JSON (at line 1 column 7); a request check's body is a JSON object",
                "curl command 4: has 2 data arguments", "curl command 5: check \"x-5\": a chat body needs a non-empty \"messages\" list",
                "command \"ls -l…\": not a curl command");
    }

    @Test
    void onlyAFileStartingWithCurlIsTakenForCurl() {
        assertThat(CurlImport.looksLikeCurl("# from the docs\n\n$ curl https://x")).isTrue();
        assertThat(CurlImport.looksLikeCurl("checks:\n  - name: curl")).isFalse();
        assertThat(CurlImport.looksLikeCurl("#!/bin/sh\nexport BASE=https://gw.test/v1\ncurl $BASE/embeddings")).isTrue();
        assertThat(CurlImport.looksLikeCurl("echo hi\ncurl https://x")).isFalse();
    }
}
