package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.MediaEvidence;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.ui.StepFixtures;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Notifier;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.usage.Verification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Step 4's images and sounds: a family check's media reach the followed check's pane in memory (never the plan), a
 * sound plays and stops through the speaker, the player says why it cannot play, and a stored result from another
 * session (whose request ID no kept media came with) shows a note instead of somebody else's image.
 */
class MediaResultsViewModelTest extends StepFixtures {
    private static final byte[] WAV = wav(16_000, 2.0);
    private static final byte[] PNG = pngHeaderOnly();

    private final Check speech = new Check("speech:gpt-4o-mini-tts", "speech", "gpt-4o-mini-tts", "Speech (text to audio)");
    private final Check images = new Check("images:gpt-image-1", "images", "gpt-image-1", "Image generation");
    private final MediaEvidence sound = new MediaEvidence(MediaEvidence.Kind.AUDIO, "Speech · WAV", WAV, "wav",
            0, 0, 2.0);
    private final MediaEvidence picture = new MediaEvidence(MediaEvidence.Kind.IMAGE, "Generated image · 1024×1024 PNG",
            PNG, "png", 1024, 1024, 0);

    /** Records what it is asked to play; plays until told to stop or {@link #end}. */
    static final class RecordingSpeaker implements AudioPlayback.Speaker {
        final List<byte[]> played = new ArrayList<>();
        int stops;
        volatile double position;
        volatile Runnable onEnd;
        String refuse;

        @Override
        public AudioPlayback.Playing play(byte[] audio, Runnable onEnd) throws AudioPlayback.SpeakerException {
            if (refuse != null) {
                throw new AudioPlayback.SpeakerException(refuse, null);
            }
            played.add(audio);
            this.onEnd = onEnd;
            return new AudioPlayback.Playing() {
                @Override
                public void stop() {
                    stops++;
                }

                @Override
                public double position() {
                    return position;
                }
            };
        }

        void end() {
            onEnd.run();
        }
    }

    private SmokeViewModel vm(PlanDocument doc, RecordingSpeaker speaker) {
        var smoke = scriptedSmoke(p -> List.of(speech, images), (plan, target, l) -> {
            List<CheckResult> results = new ArrayList<>();
            for (Check c : List.of(speech, images)) {
                String id = "req_" + c.feature();
                l.onStarted(c);
                l.onMedia(c, id, List.of(c == speech ? sound : picture));
                CheckResult r = new CheckResult(c.id(), c.feature(), c.model(), Verdict.PASS, "", "ok", id, null, 40L,
                        null, null, null, c == speech ? "WAV, 24000 Hz, 1 channel, 2.00 s" : "1024x1024 PNG", "curl …");
                l.onFinished(c, r);
                results.add(r);
            }
            return CompletableFuture.completedFuture(new SmokeRun("2026-06-11T09:00:00Z", target.baseUrl(), results));
        });
        return new SmokeViewModel(doc, new SuiteRun(smoke, new Verification(UsageService.manualOnly()), keys()), bg,
                new Notifier(), speaker);
    }

    private static PlanDocument doc() {
        return new PlanDocument(MigrationPlan.newPlan("media").withTarget(new Endpoint("custom", "http://gw.test/v1", ""))
                .withMappings(List.of(new ModelMapping("tts-1", "gpt-4o-mini-tts", List.of("speech"), ""),
                        new ModelMapping("gpt-image-1", "gpt-image-1", List.of("images"), ""))));
    }

    private CheckRow row(SmokeViewModel vm, String id) {
        return vm.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theFollowedChecksMediaShowAndTheSoundPlaysAndStops() throws Exception {
        PlanDocument doc = doc();
        RecordingSpeaker speaker = new RecordingSpeaker();
        SmokeViewModel vm = vm(doc, speaker);
        vm.run();
        ui.runUntil(() -> !vm.runningProperty().get() && doc.plan().latestRun().isPresent());

        vm.follow(row(vm, images.id()));
        assertThat(vm.mediaProperty().get()).containsExactly(picture);
        assertThat(vm.mediaNoteProperty().get()).isEmpty();
        vm.follow(row(vm, speech.id()));
        assertThat(vm.mediaProperty().get()).containsExactly(sound);

        vm.play(sound);
        assertThat(vm.playingProperty().get()).isTrue();
        ui.runUntil(() -> vm.playerStatusProperty().get().startsWith("Playing"));
        assertThat(speaker.played).singleElement().isSameAs(WAV);
        speaker.position = 1.25;
        ui.pulse();
        assertThat(vm.playerStatusProperty().get()).isEqualTo("Playing: 1.3 of 2.0 s");
        vm.stopPlaying();
        assertThat(speaker.stops).isEqualTo(1);
        assertThat(vm.playingProperty().get()).isFalse();
        assertThat(vm.playerStatusProperty().get()).isEqualTo("Stopped.");
        assertThat(ui.registeredFlushes()).as("no per-frame position update left running").isZero();

        vm.play(sound);
        ui.runUntil(() -> vm.playerStatusProperty().get().startsWith("Playing"));
        speaker.end();
        ui.runUntil(() -> !vm.playingProperty().get());
        assertThat(vm.playerStatusProperty().get()).isEqualTo("Played 2.0 s.");

        // following another check stops the sound that belongs to this one
        vm.play(sound);
        ui.runUntil(() -> vm.playerStatusProperty().get().startsWith("Playing"));
        vm.follow(row(vm, images.id()));
        assertThat(vm.playingProperty().get()).isFalse();
        assertThat(speaker.stops).isEqualTo(2);

        // the plan keeps the words and figures, never the bytes
        String json = new PlanStore().toJson(doc.plan());
        assertThat(json).contains("req_speech", "req_images")
                .doesNotContain(Base64.getEncoder().encodeToString(WAV).substring(0, 40))
                .doesNotContain(Base64.getEncoder().encodeToString(PNG).substring(0, 12));
    }

    @Test
    void aSpeakerThatCannotPlaySaysWhyAndAStoredRunOfAnotherSessionShowsANote() throws Exception {
        PlanDocument doc = doc();
        RecordingSpeaker speaker = new RecordingSpeaker();
        speaker.refuse = "No audio output on this machine: the sound cannot be played here (its duration is above).";
        SmokeViewModel vm = vm(doc, speaker);
        vm.run();
        ui.runUntil(() -> !vm.runningProperty().get() && doc.plan().latestRun().isPresent());
        vm.follow(row(vm, speech.id()));
        vm.play(sound);
        ui.runUntil(() -> !vm.playingProperty().get());
        assertThat(vm.playerStatusProperty().get()).startsWith("No audio output on this machine");
        assertThat(speaker.played).isEmpty();

        // the same plan opened in another session: the results are there, the media are not
        PlanDocument reopened = new PlanDocument(new PlanStore().fromJson(new PlanStore().toJson(doc.plan()), "media.json"));
        SmokeViewModel later = vm(reopened, new RecordingSpeaker());
        ui.runUntil(() -> later.rows().size() == 2);
        later.follow(row(later, images.id()));
        assertThat(later.mediaProperty().get()).isEmpty();
        assertThat(later.mediaNoteProperty().get()).contains("kept in memory while the app runs", "Run selected");
    }

    /** A mono 16-bit PCM WAV of silence. */
    private static byte[] wav(int rate, double seconds) {
        int data = (int) (rate * seconds) * 2;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
        return b.array();
    }

    private static byte[] pngHeaderOnly() {
        return new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    }
}
