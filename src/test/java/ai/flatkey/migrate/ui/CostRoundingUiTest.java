package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SmokeListener;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.smoke.Target;
import ai.flatkey.migrate.usage.KeyQuota;
import ai.flatkey.migrate.usage.LoggedRequest;
import ai.flatkey.migrate.usage.ModelPrice;
import ai.flatkey.migrate.usage.Reconciler;
import ai.flatkey.migrate.usage.UsageAdapter;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.wire.Cancellation;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: a request estimated at $0.000581 and charged $0.000582 was shown as a plain "match". Run the suite, open
 * step 5: the row says it matches within rounding, and by how much.
 */
@ExtendWith(Screenshots.class)
class CostRoundingUiTest {

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    @Test
    void aChargeOffByRoundingIsSaidToMatchWithinRoundingAndByHowMuch() throws Exception {
        ctx = WizardFixture.context(tmp, new FakeFileDialogs())
                .environment(Map.of("GW_KEY", "sk-test-rounding-not-a-real-key")::get)
                .smokeService(new OneChatCheck()).usageService(new ChargesOneMillionthMore()).build();
        Stage stage = WizardFixture.show(ctx);
        fx(() -> {
            ctx.document().replace(MigrationPlan.newPlan("Rounding")
                    .withTarget(new Endpoint("custom", "http://gw.test/v1", "env:GW_KEY"))
                    .withMappings(List.of(new ModelMapping("old-m", "m1", List.of("chat"), ""))), null);
            return true;
        });
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        robot.clickOn("#smoke-run");
        waitFor(() -> ctx.document().plan().latestReconciliation().isPresent());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        TableView<?> table = robot.lookup("#verify-reconciliation").queryAs(TableView.class);
        List<String> row = fx(() -> table.getColumns().stream().map(c -> String.valueOf(c.getCellData(0))).toList());
        assertThat(row.get(3)).isEqualTo("$0.000581 / $0.000582");
        assertThat(row.get(4)).isEqualTo("match (rounding)");
        assertThat(row.get(5)).contains("cost matches within rounding: $0.000581 estimated, $0.000582 charged (+$0.000001, 0.17 %)");
        Reveal.reveal(robot, "#verify-reconciliation");
        Screenshots.save(stage.getScene(), "verify-match-within-rounding");
    }

    /** One chat check on m1: 181 prompt and 200 completion tokens, request ID req_1. */
    private static final class OneChatCheck implements SmokeService {
        @Override
        public List<Check> derive(MigrationPlan plan) {
            return List.of(new Check("chat:m1", "chat", "m1", "Chat completion"));
        }

        @Override
        public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, Target source, SuiteOptions options,
                                               SmokeListener listener, Cancellation cancel) {
            return CompletableFuture.supplyAsync(() -> {
                Check c = derive(plan).get(0);
                listener.onStarted(c);
                CheckResult r = new CheckResult(c.id(), "chat", "m1", Verdict.PASS, "", "ok", "req_1", 100L, 200L,
                        181, 200, 381, "hi", "curl …");
                listener.onFinished(c, r);
                return new SmokeRun("2026-06-11T09:00:00Z", target.baseUrl(), List.of(r));
            });
        }
    }

    /** m1 at $1 / $2 per 1M tokens ($0.000581 for req_1); its log charges $0.000582. */
    private static final class ChargesOneMillionthMore implements UsageService {
        @Override
        public UsageAdapter adapter(Endpoint target, String key) {
            return new UsageAdapter() {
                @Override
                public String name() {
                    return "fake";
                }

                @Override
                public boolean canLookUp() {
                    return true;
                }

                @Override
                public boolean canReadQuota() {
                    return true;
                }

                @Override
                public Optional<KeyQuota> quota() {
                    return Optional.of(new KeyQuota("k", 20.0, 10.0, 10.0, false, 0));
                }

                @Override
                public Optional<LoggedRequest> lookup(String requestId) {
                    return Optional.of(new LoggedRequest("req_1", "m1", 181, 200, 0.000582, "200", 0));
                }

                @Override
                public List<ModelPrice> prices() {
                    return List.of(new ModelPrice("m1", 1.0, 2.0, 0, "gateway"));
                }
            };
        }

        @Override
        public Reconciler reconciler(UsageAdapter adapter, Cancellation cancel) {
            return new Reconciler(adapter, Clock.systemUTC(), ms -> { }, 1, 0);
        }

        @Override
        public List<String> rateLimits(String baseUrl, String key, Cancellation cancel) {
            return List.of();
        }
    }
}
