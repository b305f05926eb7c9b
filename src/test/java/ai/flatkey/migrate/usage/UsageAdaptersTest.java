package ai.flatkey.migrate.usage;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.ClientConfig;
import ai.flatkey.migrate.wire.FailureKind;
import ai.flatkey.migrate.wire.OpenAiClient;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Adapters against recorded responses of each gateway's documented fields. */
class UsageAdaptersTest {
    private static final String KEY = "sk-test-usage-key-000000000000";
    private final OkHttpClient http = OpenAiClient.newHttpClient();
    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiClient client(String baseUrl) {
        return new OpenAiClient(http, ClientConfig.of(baseUrl, KEY));
    }

    private String base() {
        return server.url("/v1").toString();
    }

    private void routes(Map<String, String> bodies) {
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String path = r.getUrl().encodedPath();
                String body = bodies.get(path);
                return body == null ? new MockResponse.Builder().code(404).body("{\"message\":\"not found\"}").build()
                        : new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
            }
        });
    }

    @Test
    void theAdapterIsChosenByThePresetEnumIncludingItsAliases() throws Exception {
        java.util.function.Function<String, String> name = preset -> {
            try {
                return UsageAdapters.forTarget(new ai.flatkey.migrate.plan.Endpoint(preset, base(), ""), new ai.flatkey.migrate.wire.OpenAiClient(http, ai.flatkey.migrate.wire.ClientConfig.of(base(), KEY))).name();
            } catch (UsageException e) {
                throw new AssertionError(e);
            }
        };
        assertThat(name.apply("flatkey")).isEqualTo("flatkey");
        assertThat(name.apply("newapi")).isEqualTo("flatkey");
        assertThat(name.apply("new-api")).isEqualTo("flatkey");
        assertThat(name.apply("demo")).isEqualTo("demo");
        assertThat(name.apply("openrouter")).isEqualTo("openrouter");
        assertThat(name.apply("litellm")).isEqualTo("litellm");
        assertThat(name.apply("groq")).isEqualTo("manual");
        assertThat(name.apply("something-else")).isEqualTo("manual");
        assertThat(ai.flatkey.migrate.plan.Preset.byId("new-api")).isEqualTo(ai.flatkey.migrate.plan.Preset.FLATKEY);
        assertThat(ai.flatkey.migrate.plan.Preset.byId("nope")).isEqualTo(ai.flatkey.migrate.plan.Preset.CUSTOM);
    }

    @Test
    void flatkeyQuotaLogAndPrices() throws Exception {
        routes(Map.of(
                "/api/usage/token", "{\"code\":true,\"message\":\"ok\",\"data\":{\"object\":\"token_usage\",\"name\":\"migration test\","
                        + "\"total_granted\":1000000,\"total_used\":12345,\"total_available\":987655,\"unlimited_quota\":false,"
                        + "\"model_limits\":{},\"model_limits_enabled\":false,\"expires_at\":0}}",
                "/api/log/token", "{\"success\":true,\"message\":\"\",\"data\":[{\"id\":1,\"type\":2,\"content\":\"ok\",\"model_name\":\"gpt-5.5\","
                        + "\"quota\":250,\"prompt_tokens\":17,\"completion_tokens\":61,\"created_at\":1795622853,"
                        + "\"other\":\"{\\\"request_id\\\":\\\"req_abc\\\"}\"}]}",
                "/api/website/pricing", "{\"success\":true,\"data\":[{\"model_name\":\"gpt-5.5\",\"model_ratio\":1.25,\"completion_ratio\":8},"
                        + "{\"model_name\":\"veo-3\",\"model_price\":0.4}]}"));
        FlatkeyUsage a = new FlatkeyUsage("flatkey", client(base()));
        KeyQuota q = a.quota().orElseThrow();
        assertThat(q.availableUsd()).isEqualTo(987655 / 500_000.0);
        assertThat(q.label()).isEqualTo("migration test");
        LoggedRequest l = a.lookup("req_abc").orElseThrow();
        assertThat(l.model()).isEqualTo("gpt-5.5");
        assertThat(l.totalTokens()).isEqualTo(78);
        assertThat(l.costUsd()).isEqualTo(250 / 500_000.0);
        assertThat(a.lookup("req_other")).isEmpty();
        List<ModelPrice> prices = a.prices();
        assertThat(prices).extracting(ModelPrice::model).containsExactly("gpt-5.5", "veo-3");
        assertThat(prices.get(0).inputPer1M()).isEqualTo(2.5);
        assertThat(prices.get(0).outputPer1M()).isEqualTo(20.0);
        assertThat(prices.get(1).perRequest()).isEqualTo(0.4);
        RecordedRequest usage = server.takeRequest();
        assertThat(usage.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void openRouterKeyGenerationAndModels() throws Exception {
        routes(Map.of(
                "/api/v1/key", "{\"data\":{\"label\":\"sk-or-v1-abc...xyz\",\"usage\":0.0123,\"limit\":10,\"limit_remaining\":9.9877,"
                        + "\"is_free_tier\":false,\"rate_limit\":{\"requests\":10,\"interval\":\"10s\"}}}",
                "/api/v1/generation", "{\"data\":{\"id\":\"gen-123\",\"model\":\"openai/gpt-4o\",\"total_cost\":0.00042,"
                        + "\"tokens_prompt\":12,\"tokens_completion\":30,\"native_tokens_prompt\":11,\"native_tokens_completion\":29,"
                        + "\"finish_reason\":\"stop\",\"created_at\":\"2026-11-25T10:00:00Z\"}}",
                "/api/v1/models", "{\"data\":[{\"id\":\"openai/gpt-4o\",\"pricing\":{\"prompt\":\"0.0000025\",\"completion\":\"0.00001\","
                        + "\"request\":\"0\",\"image\":\"0.003613\"}}]}"));
        OpenRouterUsage a = new OpenRouterUsage(client(server.url("/api/v1").toString()));
        assertThat(a.quota().orElseThrow().availableUsd()).isEqualTo(9.9877);
        LoggedRequest l = a.lookup("gen-123").orElseThrow();
        assertThat(l.model()).isEqualTo("openai/gpt-4o");
        assertThat(l.totalTokens()).isEqualTo(42);
        assertThat(l.costUsd()).isEqualTo(0.00042);
        ModelPrice p = a.prices().get(0);
        assertThat(p.inputPer1M()).isEqualTo(2.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.outputPer1M()).isEqualTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void liteLlmKeyInfoAndSpendLogs() throws Exception {
        routes(Map.of(
                "/key/info", "{\"key\":\"hashed\",\"info\":{\"key_alias\":\"migration\",\"spend\":1.25,\"max_budget\":5.0,\"models\":[]}}",
                "/spend/logs", "[{\"request_id\":\"chatcmpl-9\",\"model\":\"gpt-4o-mini\",\"spend\":0.000123,\"total_tokens\":40,"
                        + "\"prompt_tokens\":10,\"completion_tokens\":30,\"status\":\"success\"}]"));
        LiteLlmUsage a = new LiteLlmUsage(client(base()));
        KeyQuota q = a.quota().orElseThrow();
        assertThat(q.availableUsd()).isEqualTo(3.75);
        assertThat(q.unlimited()).isFalse();
        LoggedRequest l = a.lookup("chatcmpl-9").orElseThrow();
        assertThat(l.costUsd()).isEqualTo(0.000123);
        assertThat(l.totalTokens()).isEqualTo(40);
        assertThat(server.takeRequest().getUrl().queryParameter("request_id")).isNull();
    }

    @Test
    void hostileUsageRoutesGivePlainMessagesWithoutTheKey() throws Exception {
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return switch (r.getUrl().encodedPath()) {
                    case "/api/usage/token" -> new MockResponse.Builder().code(401)
                            .body("{\"success\":false,\"message\":\"invalid token " + KEY + "\"}").build();
                    case "/api/log/token" -> new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                            .body("<html><title>Console</title></html>").build();
                    default -> new MockResponse.Builder().code(200).body("{not json").build();
                };
            }
        });
        FlatkeyUsage a = new FlatkeyUsage("flatkey", client(base()));
        // wire's messages and kinds: one network path, one set of failure words
        assertThatThrownBy(a::quota).isInstanceOf(UsageException.class).hasMessageContaining("refused the key (HTTP 401)")
                .hasMessageContaining("may need a different key").hasMessageNotContaining(KEY)
                .cause().isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION));
        assertThatThrownBy(() -> a.lookup("req_1")).hasMessage("/api/log/token answered with a web page (\"Console\", HTTP 200),"
                + " not JSON: this gateway has no such usage API at this address.");
        assertThatThrownBy(a::prices).hasMessage("/api/website/pricing answered HTTP 200 with plain text instead of JSON:"
                + " \"{not json\". This gateway has no such usage API at this address, or it answers in another format.");
        assertThatThrownBy(() -> new FlatkeyUsage("flatkey", client("not a url")))
                .hasMessageContaining("is not a valid http(s) address");
    }

    @Test
    void aRefusedBearerLookupIsRetriedWithTheKeyInTheQueryAndAnUnreachableOneIsNot() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                if (r.getUrl().encodedPath().equals("/api/status")) {
                    return new MockResponse.Builder().code(404).build(); // the unit: new-api's default
                }
                boolean inQuery = KEY.equals(r.getUrl().queryParameter("key"));
                seen.add(inQuery ? "query" : r.getHeaders().get("Authorization") != null ? "bearer" : "none");
                return inQuery ? new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .body("{\"success\":true,\"data\":[{\"request_id\":\"req_q\",\"model_name\":\"m\",\"type\":2}]}").build()
                        : new MockResponse.Builder().code(401).body("{\"success\":false,\"message\":\"use ?key=\"}").build();
            }
        });
        FlatkeyUsage a = new FlatkeyUsage("flatkey", client(base()));
        assertThat(a.lookup("req_q")).get().extracting(LoggedRequest::model).isEqualTo("m");
        assertThat(seen).containsExactly("bearer", "query");

        String closed = server.url("/v1").toString();
        server.close();
        FlatkeyUsage down = new FlatkeyUsage("flatkey", client(closed));
        assertThatThrownBy(() -> down.lookup("req_q")).isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("nothing is listening", "network and proxy settings"))
                .hasMessageNotContaining(KEY)
                .cause().isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.NETWORK));
        assertThat(seen).hasSize(2);
    }

    @Test
    void pricesFromFilesWithLocatedErrors(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("prices.csv");
        Files.writeString(csv, "# prices\nmodel,input_per_1m,output_per_1m,per_request\ngpt-5.5,2.5,20,\n\"deepseek-chat\",$0.27,1.1,0\n");
        assertThat(PriceTable.read(csv)).extracting(ModelPrice::model).containsExactly("gpt-5.5", "deepseek-chat");
        Files.writeString(csv, "model,input_per_1m,output_per_1m\ngpt-5.5,abc,20\n");
        assertThatThrownBy(() -> PriceTable.read(csv)).hasMessageContaining("line 2: input_per_1m must be a non-negative number; got 'abc'");
        Files.writeString(csv, "name,price\nx,1\n");
        assertThatThrownBy(() -> PriceTable.read(csv)).hasMessageContaining("header must name model");
        Path json = dir.resolve("prices.json");
        Files.writeString(json, "{\"gpt-5.5\":{\"input\":2.5,\"output\":20}}");
        assertThat(PriceTable.read(json).get(0).outputPer1M()).isEqualTo(20);
        Files.writeString(json, "[{\"model\":\"x\",\"input_per_1m\":-1,\"output_per_1m\":1}]");
        assertThatThrownBy(() -> PriceTable.read(json)).hasMessageContaining("entry 1");

        MigrationPlan plan = MigrationPlan.newPlan("p").withMappings(List.of(
                new ModelMapping("a", "typed-model", List.of(), "", 1.0, 2.0),
                new ModelMapping("b", "gpt-5.5", List.of(), "", 9.0, 9.0)));
        PriceTable table = PriceTable.of(List.of(new ModelPrice("gpt-5.5", 2.5, 20, 0, "gateway")), List.of(), plan);
        assertThat(table.price("gpt-5.5").orElseThrow().source()).isEqualTo("gateway");
        assertThat(table.cost("typed-model", 1_000_000, 1_000_000)).isEqualTo(3.0);
        assertThat(table.cost("unknown", 1, 1)).isNull();
    }

    private static CheckResult result(String id, String model, String requestId, Integer p, Integer c) {
        return new CheckResult(id, id.split(":")[0], model, Verdict.PASS, "", "", requestId, 10L, 20L, p, c,
                p == null ? null : p + c, "", "");
    }

    private static UsageAdapter fakeLog(Map<String, LoggedRequest> log, AtomicInteger lookups, int visibleAfter) {
        return new UsageAdapter() {
            public String name() {
                return "demo";
            }

            public boolean canLookUp() {
                return true;
            }

            public boolean canReadQuota() {
                return true;
            }

            public Optional<KeyQuota> quota() {
                return Optional.empty();
            }

            public Optional<LoggedRequest> lookup(String id) {
                return lookups.incrementAndGet() > visibleAfter ? Optional.ofNullable(log.get(id)) : Optional.empty();
            }

            public List<ModelPrice> prices() {
                return List.of();
            }
        };
    }

    @Test
    void reconcilesMatchMismatchNotVisibleAndNotCheckable() throws Exception {
        SmokeRun run = new SmokeRun("2026-11-25T12:00:00Z", "u", List.of(
                result("models", "", "req_m", null, null),
                result("chat:gpt-5.5", "gpt-5.5", "req_1", 17, 61),
                result("streaming:gpt-5.5", "gpt-5.5", "req_2", 17, 61),
                result("chat:deepseek-chat", "deepseek-chat", "req_3", 10, 10),
                result("streaming:deepseek-chat", "deepseek-chat", "", 10, 10)));
        Map<String, LoggedRequest> log = Map.of(
                "req_1", new LoggedRequest("req_1", "gpt-5.5-2026-05-01", 17, 61, 78 * 0.00001, "success", 0),
                "req_2", new LoggedRequest("req_2", "gpt-5.5", 17, 70, 0.0009, "success", 0));
        PriceTable prices = PriceTable.of(List.of(new ModelPrice("gpt-5.5", 10, 10, 0, "gateway")), List.of(), MigrationPlan.newPlan("p"));
        List<Long> slept = new ArrayList<>();
        Reconciliation rec = new Reconciler(fakeLog(log, new AtomicInteger(), 0),
                Clock.fixed(Instant.parse("2026-11-25T12:01:00Z"), ZoneOffset.UTC), slept::add, 3, 500)
                .reconcile(run, prices, Optional.of(new KeyQuota("k", 10.0, 1.0, 9.0, false, 0)),
                        Optional.of(new KeyQuota("k", 10.0, 1.002, 8.998, false, 0)), List.of("requests 599/600"));
        assertThat(rec.rows()).extracting(Reconciliation.Row::checkId)
                .containsExactly("chat:gpt-5.5", "streaming:gpt-5.5", "chat:deepseek-chat", "streaming:deepseek-chat");
        assertThat(rec.rows()).extracting(Reconciliation.Row::status).containsExactly(Reconciliation.Status.MATCH,
                Reconciliation.Status.MISMATCH, Reconciliation.Status.NOT_VISIBLE_YET, Reconciliation.Status.NOT_CHECKABLE);
        assertThat(rec.rows().get(1).difference()).contains("tokens 78 seen, 87 logged (+9)", "cost $0.000780 estimated, $0.000900 charged");
        assertThat(rec.rows().get(3).difference()).contains("no request ID");
        assertThat(slept).containsExactly(500L, 500L);
        assertThat(rec.quotaDrop()).isEqualTo(0.002, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rec.note()).contains("1 of 4 requests match", "1 differ", "Quota dropped by $0.002000");
        assertThat(rec.rateLimits()).containsExactly("requests 599/600");
    }

    @Test
    void lateLogEntriesAreFoundByPollingAndManualGatewaysSaySo() throws Exception {
        SmokeRun run = new SmokeRun("t", "u", List.of(result("chat:m", "m", "req_1", 1, 2)));
        AtomicInteger lookups = new AtomicInteger();
        Reconciliation rec = new Reconciler(fakeLog(Map.of("req_1", new LoggedRequest("req_1", "m", 1, 2, null, "success", 0)),
                lookups, 2), Clock.systemUTC(), ms -> { }, 5, 1).reconcile(run, PriceTable.empty(), Optional.empty(), Optional.empty(), List.of());
        assertThat(rec.rows().get(0).status()).isEqualTo(Reconciliation.Status.MATCH);
        assertThat(lookups.get()).isEqualTo(3);
        Reconciliation manual = new Reconciler(UsageAdapter.manual(), Clock.systemUTC(), ms -> { }, 3, 1)
                .reconcile(run, PriceTable.empty(), Optional.empty(), Optional.empty(), List.of());
        assertThat(manual.rows().get(0).status()).isEqualTo(Reconciliation.Status.NOT_CHECKABLE);
        assertThat(manual.note()).contains("No usage API");
    }

    @Test
    void quotaGuardWarnsOverQuotaAndBudget() {
        PriceTable prices = PriceTable.of(List.of(new ModelPrice("m", 10, 30, 0, "gateway")), List.of(), MigrationPlan.newPlan("p"));
        QuotaGuard.Estimate e = QuotaGuard.estimate(10, List.of("m"), prices);
        // every request priced at its prompt and its full output bound (the max_tokens each probe carries)
        assertThat(e.tokens()).isEqualTo(10 * QuotaGuard.TOKENS_PER_CHECK);
        assertThat(e.costUsd()).isEqualTo(10 * (QuotaGuard.PROMPT_TOKENS_PER_CHECK * 10 + QuotaGuard.MAX_OUTPUT_TOKENS_PER_CHECK * 30)
                / 1_000_000.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(QuotaGuard.check(e, Optional.of(new KeyQuota("k", 1.0, 0.99, 0.01, false, 0)), null)).get().asString()
                .contains("has only $0.0100 left");
        assertThat(QuotaGuard.check(e, Optional.empty(), 0.01)).get().asString().contains("over the plan's budget");
        assertThat(QuotaGuard.check(e, Optional.of(new KeyQuota("k", null, null, null, true, 0)), null)).isEmpty();
        assertThat(QuotaGuard.check(QuotaGuard.estimate(3, List.of("unpriced"), prices), Optional.empty(), 0.0)).isEmpty();
    }

    /** A recorded new-api exchange: both ID headers, quota_per_unit 1,000,000, group ratio 1.5, a per-call model. */
    @Test
    void aRecordedNewApiExchangeWithBothIdHeadersAndItsOwnUnitReconciles() throws Exception {
        String ownId = "20261021072700123456789aBcDeFgH";
        String upstreamId = "req_0f1e2d3c4b5a69788796a5b4c3d2";
        String ownId2 = "20261021072701223456789hGfEdCbA";
        routes(Map.of(
                "/api/status", "{\"success\":true,\"message\":\"\",\"data\":{\"quota_per_unit\":1000000,"
                        + "\"display_in_currency\":true,\"quota_display_type\":\"USD\",\"usd_exchange_rate\":7.3}}",
                "/api/pricing", "{\"success\":true,\"data\":[{\"model_name\":\"gpt-5.5\",\"quota_type\":0,"
                        + "\"model_ratio\":1.25,\"model_price\":0,\"completion_ratio\":8,\"enable_groups\":[\"default\"]},"
                        + "{\"model_name\":\"gpt-image-2\",\"quota_type\":1,\"model_ratio\":0,\"model_price\":0.04,"
                        + "\"completion_ratio\":0,\"enable_groups\":[\"default\"]}],"
                        + "\"group_ratio\":{\"default\":1.5},\"usable_group\":{\"default\":\"\"}}",
                "/api/usage/token", "{\"code\":true,\"message\":\"ok\",\"data\":{\"object\":\"token_usage\","
                        + "\"name\":\"ci\",\"total_granted\":10000000,\"total_used\":61734,\"total_available\":9938266,"
                        + "\"unlimited_quota\":false,\"expires_at\":0}}",
                // (17 + 61 x 8) x 1.25 x 1.5 = 946.875 -> 947; 0.04 x 1,000,000 x 1.5 = 60,000
                "/api/log/token", "{\"success\":true,\"message\":\"\",\"data\":["
                        + "{\"id\":1,\"type\":2,\"model_name\":\"gpt-5.5\",\"quota\":947,\"prompt_tokens\":17,"
                        + "\"completion_tokens\":61,\"request_id\":\"" + ownId + "\",\"group\":\"default\","
                        + "\"other\":\"{\\\"model_ratio\\\":1.25,\\\"group_ratio\\\":1.5,\\\"completion_ratio\\\":8}\"},"
                        + "{\"id\":2,\"type\":2,\"model_name\":\"gpt-image-2\",\"quota\":60000,\"prompt_tokens\":9,"
                        + "\"completion_tokens\":0,\"request_id\":\"" + ownId2 + "\",\"group\":\"default\"}]}"));
        FlatkeyUsage usage = new FlatkeyUsage("flatkey", client(base()));

        assertThat(usage.units().quotaPerUnit()).isEqualTo(1_000_000);
        assertThat(usage.units().published()).isTrue();
        assertThat(usage.quota().orElseThrow().availableUsd()).isEqualTo(9.938266);
        PriceTable prices = PriceTable.of(usage.prices(), List.of(), MigrationPlan.newPlan("p"));
        assertThat(prices.price("gpt-5.5").orElseThrow().inputPer1M()).isEqualTo(1.875, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(prices.price("gpt-image-2").orElseThrow().perRequest()).isEqualTo(0.06, org.assertj.core.data.Offset.offset(1e-12));

        // As recorded before the fix: the check kept the upstream's x-request-id; the transcript holds both headers.
        String transcript = "POST " + base() + "/chat/completions\n\n# attempt 1 at +0 ms: HTTP 200 — ok\n"
                + "content-type: application/json\nx-request-id: " + upstreamId + "\nX-Oneapi-Request-Id: " + ownId
                + "\n\n{\"id\":\"chatcmpl-recorded\",\"object\":\"chat.completion\"}\n\n=> ok\n";
        CheckResult chat = new CheckResult("chat:gpt-5.5", "chat", "gpt-5.5", Verdict.PASS, "", "", upstreamId, 10L, 20L,
                17, 61, 78, "", "", null, transcript);
        CheckResult image = new CheckResult("chat:gpt-image-2", "chat", "gpt-image-2", Verdict.PASS, "", "", ownId2, 10L,
                20L, 9, 0, 9, "", "", null, "");
        Reconciliation rec = new Reconciler(usage, Clock.systemUTC(), ms -> { }, 1, 0).reconcile(
                new SmokeRun("2026-10-21T07:27:00Z", base(), List.of(chat, image)), prices, Optional.empty(),
                Optional.empty(), List.of());

        assertThat(rec.rows()).extracting(Reconciliation.Row::status)
                .containsExactly(Reconciliation.Status.MATCH, Reconciliation.Status.MATCH);
        Reconciliation.Row row = rec.rows().get(0);
        assertThat(row.requestId()).isEqualTo(ownId);
        assertThat(row.difference()).contains("joined on x-oneapi-request-id", "also sent: x-request-id " + upstreamId, "id chatcmpl-recorded");
        assertThat(row.costEstimateUsd()).isEqualTo(row.costLoggedUsd()).isEqualTo(947 / 1_000_000.0);
        assertThat(rec.rows().get(1).costEstimateUsd()).isEqualTo(rec.rows().get(1).costLoggedUsd()).isEqualTo(0.06);

        // A gateway that charged one unit more is a mismatch, said in its unit.
        assertThat(new Reconciler(fakeLog(Map.of(ownId, new LoggedRequest(ownId, "gpt-5.5", 17, 61, 948 / 1e6, "success", 0,
                948L, "request_id")), new AtomicInteger(), 0), Clock.systemUTC(), ms -> { }, 1, 0).reconcile(
                new SmokeRun("2026-10-21T07:27:00Z", base(), List.of(chat)), prices, Optional.empty(), Optional.empty(),
                List.of()).rows().get(0).difference()).contains("cost 947 quota units by the gateway's formula", "948 charged");
    }

    @Test
    void olderGatewaysAnswerTheDashboardBillingRoutesAndTheirErrorsComeAsHttp200() throws Exception {
        routes(Map.of(
                "/v1/dashboard/billing/subscription", "{\"object\":\"billing_subscription\",\"has_payment_method\":true,"
                        + "\"soft_limit_usd\":20,\"hard_limit_usd\":20,\"system_hard_limit_usd\":20,\"access_until\":0}",
                "/v1/dashboard/billing/usage", "{\"object\":\"list\",\"total_usage\":125}"));
        KeyQuota q = new FlatkeyUsage("flatkey", client(base())).quota().orElseThrow();
        assertThat(q.grantedUsd()).isEqualTo(20.0);
        assertThat(q.usedUsd()).as("total_usage is in cents").isEqualTo(1.25);
        assertThat(q.availableUsd()).isEqualTo(18.75);

        routes(Map.of("/v1/dashboard/billing/subscription", "{\"error\":{\"message\":\"token not found\","
                + "\"type\":\"upstream_error\"}}"));
        assertThatThrownBy(() -> new FlatkeyUsage("flatkey", client(base())).quota())
                .isInstanceOf(UsageException.class).hasMessageContaining("answered with an error: token not found");
    }
}
