package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.CheckFile;
import ai.flatkey.migrate.plan.RequestCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new check in the editor that changes endpoint before anything is written gets that endpoint's starter, which
 * reads without a problem; a body someone wrote is never replaced.
 */
class CheckDraftStarterTest {

    @Test
    void anUntouchedStarterFollowsItsEndpointAndKeepsItsModel() {
        CheckDraft d = CheckDraft.fresh("new-check", "gpt-image-1");
        for (RequestCheck.Api api : new RequestCheck.Api[]{RequestCheck.Api.IMAGES, RequestCheck.Api.SPEECH,
                RequestCheck.Api.MODERATIONS, RequestCheck.Api.TRANSCRIPTIONS, RequestCheck.Api.TRANSLATIONS,
                RequestCheck.Api.IMAGE_EDITS,
                RequestCheck.Api.EMBEDDINGS, RequestCheck.Api.RESPONSES, RequestCheck.Api.CHAT}) {
            d.api.set(api);
            CheckFile.Edited read = d.read();
            assertThat(read.problems()).as(api + ": " + d.body.get()).isEmpty();
            assertThat(read.check().api()).isEqualTo(api);
            assertThat(read.check().model()).as("the model picked stays").isEqualTo("gpt-image-1");
        }
        d.api.set(RequestCheck.Api.IMAGES);
        assertThat(d.body.get()).contains("\"prompt\"", "\"n\": 1");
        assertThat(d.assertions()).extracting(a -> a.kind.get()).containsExactly(Assertion.Kind.IMAGE_COUNT);
        d.api.set(RequestCheck.Api.TRANSCRIPTIONS);
        assertThat(d.body.get()).contains("\"file\": \"audio/hello.wav\"", "\"response_format\": \"json\"");
        assertThat(d.assertions()).extracting(a -> a.kind.get()).containsExactly(Assertion.Kind.NOT_EMPTY);
        assertThat(CheckEditorViewModel.apiLabel(RequestCheck.Api.TRANSLATIONS))
                .isEqualTo("Audio translation (/v1/audio/translations)");
        assertThat(CheckEditorViewModel.apiLabel(RequestCheck.Api.CHAT))
                .isEqualTo("Chat completions (/v1/chat/completions)");
    }

    @Test
    void anUploadCheckWrittenInTheEditorLooksForItsFileBesideThePlan() {
        RequestCheck c = RequestCheck.starter("clip", "whisper-1", RequestCheck.Api.TRANSCRIPTIONS);
        java.nio.file.Path plan = java.nio.file.Path.of("/tmp/plans/plan.json");
        assertThat(CheckDraft.located(c, plan).filePath()).isEqualTo(java.nio.file.Path.of("/tmp/plans/audio/hello.wav"));
        assertThat(CheckDraft.located(c, null).folder()).as("a plan never saved: the working folder").isEmpty();
    }

    @Test
    void aWrittenBodyOrAssertionIsNeverReplaced() {
        CheckDraft d = CheckDraft.fresh("new-check", "");
        d.body.set("{\"messages\": [{\"role\": \"user\", \"content\": \"Draw me a sheep\"}]}");
        d.api.set(RequestCheck.Api.IMAGES);
        assertThat(d.body.get()).contains("Draw me a sheep");
        assertThat(d.read().problems()).anySatisfy(p -> assertThat(p).contains("an images body needs \"prompt\""));

        CheckDraft e = CheckDraft.fresh("other", "");
        e.assertions().add(new AssertionDraft(Assertion.Kind.LATENCY, "2000"));
        e.api.set(RequestCheck.Api.SPEECH);
        assertThat(e.body.get()).contains("\"messages\"");
    }
}
