package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.ChecklistItem;
import ai.flatkey.migrate.plan.Comparison;
import ai.flatkey.migrate.plan.Confirmation;
import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.RequestCheck;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Parameters;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.Rollback;
import ai.flatkey.migrate.plan.RolloutStage;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.SourceProvider;
import ai.flatkey.migrate.wire.CredentialMatcher;

import java.util.List;

/**
 * The export side's key filter. An export renders the plan only, so it cannot know the key values in use; instead
 * every text in the plan is passed through here before it is rendered, and anything the shared
 * {@link CredentialMatcher} finds shaped like a credential is replaced with {@value #MARK}. A plan should never hold a
 * key; this is the second lock on the door.
 */
public final class KeyScrubber {

    /** What a removed credential is replaced with. */
    public static final String MARK = "[key removed]";

    private KeyScrubber() {
    }

    /** The text with every credential-shaped part replaced; "" for null. */
    public static String text(String s) {
        return s == null ? "" : CredentialMatcher.replace(s, MARK);
    }

    /**
     * A copy of the plan with every text field scrubbed: names, notes, evidence, server output, transcripts, curl
     * lines, request checks (names, bodies, assertions), replay prompts, the reconciliation and manual confirmations.
     */
    public static MigrationPlan plan(MigrationPlan p) {
        Inventory i = p.inventory();
        Parameters pa = i.parameters();
        Inventory inv = new Inventory(text(i.sdk()), texts(i.endpoints()), text(i.currentBaseUrl()), text(i.productionModel()),
                texts(i.fallbackModels()), text(i.messageShape()),
                new Parameters(pa.stream(), pa.temperature(), pa.maxTokens(), pa.tools(), pa.jsonOutput(), text(pa.responseFormat()),
                        pa.seed(), pa.timeoutSeconds(), pa.retries()),
                text(i.observability()), text(i.rollbackPath()),
                i.providers().stream().map(v -> new SourceProvider(text(v.name()), text(v.baseUrl()), text(v.sdk()), texts(v.models()),
                        texts(v.deployments()), texts(v.endpoints()), v.calls(), text(v.keyEnv()), text(v.auth()), text(v.apiVersion()),
                        v.decision(), text(v.notes()))).toList());
        List<ModelMapping> mappings = p.mappings().stream()
                .map(m -> new ModelMapping(text(m.sourceModel()), text(m.targetModel()), texts(m.features()), text(m.notes()),
                        m.inputPer1M(), m.outputPer1M()))
                .toList();
        List<SmokeRun> runs = p.smokeRuns().stream().map(KeyScrubber::run).toList();
        List<ChecklistItem> items = p.checklist().stream()
                .map(c -> new ChecklistItem(text(c.id()), c.status(), text(c.note()))).toList();
        List<RolloutStage> stages = p.rollout().stream()
                .map(s -> new RolloutStage(text(s.name()), text(s.gate()), s.status(), text(s.note()), text(s.owner()), text(s.date())))
                .toList();
        Rollback rb = p.rollback();
        List<RequestCheck> requestChecks = p.requestChecks().stream().map(KeyScrubber::check).toList();
        List<RequestCheck> fileChecks = p.fileChecks().stream().map(KeyScrubber::check).toList();
        List<Confirmation> confirmations = p.confirmations().stream()
                .map(c -> new Confirmation(text(c.itemId()), text(c.who()), text(c.when()), text(c.evidence()))).toList();
        return new MigrationPlan(p.schemaVersion(), text(p.name()), inv, endpoint(p.source()), endpoint(p.target()), mappings,
                runs, items, stages, new Rollback(text(rb.baseUrl()), text(rb.model()), text(rb.keyRef()), text(rb.notes()),
                        text(rb.provedAt())),
                text(p.updatedAt()), requestChecks, texts(p.checkFiles()), texts(p.replayPrompts()),
                reconciliation(p.reconciliation()), confirmations, p.budgetUsd(), fileChecks);
    }

    private static SmokeRun run(SmokeRun r) {
        return new SmokeRun(text(r.startedAt()), text(r.targetBaseUrl()), r.results().stream().map(KeyScrubber::result).toList(),
                text(r.sourceBaseUrl()), r.sourceResults().stream().map(KeyScrubber::result).toList(),
                r.comparisons().stream().map(c -> new Comparison(text(c.checkId()), text(c.sourceModel()), text(c.targetModel()),
                        c.sourceVerdict(), c.targetVerdict(), texts(c.differences()), c.sourceTotalMs(), c.targetTotalMs(),
                        c.sourceTokens(), c.targetTokens())).toList());
    }

    private static Reconciliation reconciliation(Reconciliation r) {
        if (r == null) {
            return null;
        }
        return new Reconciliation(text(r.runStartedAt()), text(r.checkedAt()), text(r.source()), r.rows().stream()
                .map(w -> new Reconciliation.Row(text(w.checkId()), text(w.requestId()), text(w.modelAsked()), text(w.modelBilled()),
                        w.tokensSeen(), w.tokensLogged(), w.costEstimateUsd(), w.costLoggedUsd(), text(w.requestStatus()), w.status(),
                        text(w.difference())))
                .toList(), r.quotaBefore(), r.quotaAfter(), r.suiteCostUsd(), texts(r.rateLimits()), text(r.note()));
    }

    private static CheckResult result(CheckResult r) {
        return new CheckResult(text(r.checkId()), text(r.feature()), text(r.model()), r.verdict(), text(r.ruleId()),
                text(r.reason()), text(r.requestId()), r.ttftMs(), r.totalMs(), r.promptTokens(), r.completionTokens(),
                r.totalTokens(), text(r.output()), text(r.curl()), r.stats(), text(r.transcript()),
                r.breaches().stream().map(b -> new ai.flatkey.migrate.plan.RuleBreach(text(b.ruleId()), b.kind(),
                        text(b.evidence()))).toList(),
                r.assertions().stream().map(a -> new AssertionResult(text(a.ruleId()), text(a.assertion()), a.status(),
                        text(a.evidence()))).toList(),
                r.otherRequests().stream().map(o -> new ai.flatkey.migrate.plan.BilledRequest(text(o.model()),
                        text(o.requestId()), o.promptTokens(), o.completionTokens())).toList());
    }

    /** A request check with every text in its name, body, assertions and origin scrubbed. */
    private static RequestCheck check(RequestCheck c) {
        return new RequestCheck(text(c.name()), c.api(), scrub(c.body()).getAsJsonObject(),
                c.assertions().stream().map(a -> new Assertion(a.kind(), text(a.text()), a.number(), a.ignoreCase(),
                        a.schema() == null ? null : scrub(a.schema()).getAsJsonObject())).toList(),
                text(c.origin()));
    }

    /** A JSON value with every string in it (keys too) scrubbed. */
    private static JsonElement scrub(JsonElement e) {
        if (e.isJsonObject()) {
            JsonObject o = new JsonObject();
            e.getAsJsonObject().entrySet().forEach(x -> o.add(text(x.getKey()), scrub(x.getValue())));
            return o;
        }
        if (e.isJsonArray()) {
            JsonArray a = new JsonArray();
            e.getAsJsonArray().forEach(x -> a.add(scrub(x)));
            return a;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return new JsonPrimitive(text(e.getAsString()));
        }
        return e.deepCopy();
    }

    private static Endpoint endpoint(Endpoint e) {
        return new Endpoint(text(e.preset()), text(e.baseUrl()), text(e.keyRef()));
    }

    private static List<String> texts(List<String> list) {
        return list.stream().map(KeyScrubber::text).toList();
    }
}
