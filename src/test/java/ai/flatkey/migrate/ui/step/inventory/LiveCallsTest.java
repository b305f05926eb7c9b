package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.traffic.RecordedCall;
import ai.flatkey.migrate.traffic.ShadowResult;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The proxy's events between two pulses become one table update; a finished call replaces its in-flight row. */
class LiveCallsTest {

    static RecordedCall call(int seq, int status, String outcome) {
        return new RecordedCall(seq, "2026-12-07T13:00:00Z", "POST", "/v1/chat/completions", null,
                JsonParser.parseString("{\"model\":\"gpt-4o-mini\"}"), null, status, null, null, null, null, null,
                new RecordedCall.Timing(5L, 40L), new RecordedCall.Usage(3, 4, 7), outcome);
    }

    @Test
    void eventsFromManyThreadsAreAppliedInOneDrain() throws Exception {
        LiveCalls live = new LiveCalls();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 1; i <= 200; i++) {
            int seq = i;
            pool.execute(() -> {
                live.started(seq, "POST", "/v1/chat/completions", "gpt-4o-mini");
                live.finished(call(seq, 200, RecordedCall.COMPLETE));
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        List<CallRow> rows = live.drain(List.of());
        assertThat(rows).hasSize(200).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("200");
            assertThat(r.tokens()).isEqualTo("7");
            assertThat(r.time()).isEqualTo("40 ms");
        });
        assertThat(live.drain(rows)).isNull(); // nothing new: no update
    }

    @Test
    void aFinishedCallReplacesItsRowAndFailuresAreMarked() {
        LiveCalls live = new LiveCalls();
        live.started(1, "POST", "/v1/chat/completions", "gpt-4o-mini");
        List<CallRow> rows = live.drain(new ArrayList<>());
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("…"));
        live.finished(call(1, 0, RecordedCall.UPSTREAM_FAILED + ": refused"));
        rows = live.drain(rows);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("no answer (upstream failed)");
            assertThat(r.ok()).isFalse();
        });
        rows = LiveCalls.withShadows(rows, List.of(new ShadowResult(1, "/v1/chat/completions", "gpt-4o-mini",
                "gpt-5.5", 200, 200, List.of("finish_reason stop → length"), 30, null)));
        assertThat(rows.get(0).shadow()).isEqualTo("differs: finish_reason stop → length");
    }

    @Test
    void theTableKeepsTheNewestRows() {
        LiveCalls live = new LiveCalls();
        for (int i = 1; i <= LiveCalls.MAX_ROWS + 20; i++) {
            live.finished(call(i, 200, RecordedCall.COMPLETE));
        }
        List<CallRow> rows = live.drain(List.of());
        assertThat(rows).hasSize(LiveCalls.MAX_ROWS);
        assertThat(rows.get(0).seq()).isEqualTo(21);
    }
}
