package ai.flatkey.migrate.scan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Issue 20: the endpoint families' calls in Java (openai-java), Go (openai-go, go-openai), C# (OpenAI .NET) and curl
 * (shell scripts and the shell blocks of Markdown docs) are found with file:line evidence and proposed into the plan
 * as Python and Node calls are. The fixtures are scan-corpus/families (their {@code expect:} markers are also checked
 * by {@link CorpusScanTest}); the SDK method names are the SDKs' own (openai-java {@code images().edit},
 * {@code audio().transcriptions().createStreaming}, {@code videos().create}; openai-go {@code Videos.New},
 * {@code Audio.Transcriptions.NewStreaming}; go-openai {@code Moderations}; .NET {@code TranscribeAudio},
 * {@code GenerateSpeech}, {@code ClassifyText}).
 */
class FamilyCallsScanTest {

    private static ScanResult families() throws Exception {
        return CorpusScanTest.scan(CorpusScanTest.corpus().resolve("families"));
    }

    @Test
    void eachLanguagesFamilyCallsAreFoundAtTheirLines() throws Exception {
        ScanResult r = families();
        assertThat(r.calls()).as(CorpusScanTest.describe(r)).extracting(CallSite::file, CallSite::line, CallSite::family)
                .contains(
                        tuple("java/Media.java", 13, "images"), tuple("java/Media.java", 14, "images"),
                        tuple("java/Media.java", 15, "audio"), tuple("java/Media.java", 16, "audio"),
                        tuple("java/Media.java", 17, "audio"), tuple("java/Media.java", 18, "audio"),
                        tuple("java/Media.java", 19, "moderations"), tuple("java/Media.java", 20, "video"),
                        tuple("java/Media.java", 21, "video"),
                        tuple("go/openai_go.go", 10, "images"), tuple("go/openai_go.go", 11, "audio"),
                        tuple("go/openai_go.go", 12, "audio"), tuple("go/openai_go.go", 13, "audio"),
                        tuple("go/openai_go.go", 14, "moderations"), tuple("go/openai_go.go", 15, "video"),
                        tuple("go/go_openai.go", 10, "images"), tuple("go/go_openai.go", 11, "audio"),
                        tuple("go/go_openai.go", 12, "audio"), tuple("go/go_openai.go", 13, "moderations"),
                        tuple("csharp/Media.cs", 9, "images"), tuple("csharp/Media.cs", 10, "images"),
                        tuple("csharp/Media.cs", 11, "audio"), tuple("csharp/Media.cs", 12, "audio"),
                        tuple("csharp/Media.cs", 13, "audio"), tuple("csharp/Media.cs", 15, "audio"),
                        tuple("csharp/Media.cs", 16, "moderations"), tuple("csharp/Media.cs", 17, "moderations"),
                        tuple("scripts/transcribe.sh", 5, "audio"), tuple("scripts/transcribe.sh", 10, "moderations"),
                        tuple("docs/API.md", 12, "images"), tuple("docs/API.md", 20, "video"));
        assertThat(r.calls()).as("the streamed transcriptions are marked streaming")
                .filteredOn(c -> c.line() == 16 && c.file().equals("java/Media.java")
                        || c.line() == 12 && c.file().equals("go/openai_go.go"))
                .hasSize(2).allSatisfy(c -> assertThat(c.features()).contains("streaming"));
    }

    @Test
    void aMarkdownDocsProseAndOtherLanguagesBlocksAreNoCalls() throws Exception {
        ScanResult r = families();
        assertThat(r.findings()).as(CorpusScanTest.describe(r))
                .noneMatch(f -> f.file().equals("docs/API.md") && (f.line() == 6 || f.line() == 17))
                .noneMatch(f -> f.value().equals("dall-e-3"));
    }

    @Test
    void theModelsOfCurlFormsAndClientConstructorsAreRead() throws Exception {
        ScanResult r = families();
        assertThat(r.calls()).as(CorpusScanTest.describe(r)).extracting(CallSite::file, CallSite::line, CallSite::model)
                .contains(tuple("csharp/Media.cs", 9, "gpt-image-1"), tuple("csharp/Media.cs", 11, "whisper-1"),
                        tuple("csharp/Media.cs", 16, "omni-moderation-latest"),
                        tuple("go/openai_go.go", 15, "sora-2"), tuple("scripts/transcribe.sh", 5, "whisper-1"),
                        tuple("docs/API.md", 12, "gpt-image-1"), tuple("docs/API.md", 20, "sora-2"));
        assertThat(r.findings()).as(CorpusScanTest.describe(r)).anyMatch(f -> f.kind() == FindingKind.MODEL
                && f.value().equals("whisper-1") && f.file().equals("scripts/transcribe.sh") && f.line() == 8);
    }

    @Test
    void everyFamilyIsProposedIntoThePlanWithItsEvidence() throws Exception {
        ScanResult r = families();
        List<Proposal> ps = Prefill.propose(r);
        assertThat(ps.stream().filter(p -> p.target() == Proposal.Target.ENDPOINT).map(Proposal::value))
                .containsExactlyInAnyOrder("images", "audio", "moderations", "video");
        Set<String> checks = r.risks().stream().filter(f -> f.kind() == FindingKind.RISK_NEEDS_SMOKE_CHECK)
                .map(Finding::value).collect(Collectors.toSet());
        assertThat(checks).contains("images", "audio", "moderations", "video");
        Proposal video = ps.stream().filter(p -> p.id().equals("endpoint:video")).findFirst().orElseThrow();
        assertThat(video.evidence()).isNotEmpty();
        assertThat(ps).anySatisfy(p -> {
            assertThat(p.id()).isEqualTo("mapping:sora-2");
            assertThat(p.features()).containsExactly("video");
        });
    }
}
