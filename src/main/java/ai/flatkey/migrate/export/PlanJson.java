package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.Comparison;
import ai.flatkey.migrate.plan.Confirmation;
import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Parameters;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.Rollback;
import ai.flatkey.migrate.plan.RolloutStage;
import ai.flatkey.migrate.smoke.Gates;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable export: a versioned document described by the JSON Schema
 * {@value #SCHEMA_RESOURCE} (format {@value #FORMAT}, version {@value #FORMAT_VERSION}). A CI job reads
 * {@code summary.verdict} ({@code pass}, {@code fail} or {@code not-run}). Every field is always present; numbers that
 * were not measured are {@code null}. Additions that old readers can ignore keep the version; anything else raises it.
 */
public final class PlanJson {
    public static final String FORMAT = "flatkey-migrate/plan-export";
    /**
     * 2: {@code requestChecks} and {@code checkFiles} replace {@code customChecks}; results carry their assertions. Added
     * within 2 (a reader may ignore them): {@code inventory.providers} and each mapping's {@code sourceKind} and {@code kept}.
     */
    public static final int FORMAT_VERSION = 2;
    /** Classpath location of the schema (also in the source tree under src/main/resources). */
    public static final String SCHEMA_RESOURCE = "/ai/flatkey/migrate/export/plan-export.schema.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private PlanJson() {
    }

    private static JsonArray otherRequests(CheckResult r) {
        JsonArray out = new JsonArray();
        for (ai.flatkey.migrate.plan.BilledRequest b : r.otherRequests()) {
            JsonObject o = new JsonObject();
            o.addProperty("model", b.model());
            o.addProperty("requestId", b.requestId());
            o.addProperty("promptTokens", b.promptTokens());
            o.addProperty("completionTokens", b.completionTokens());
            out.add(o);
        }
        return out;
    }

    public static String render(MigrationPlan original, Instant generatedAt, String generator) {
        Report report = Report.of(original);
        MigrationPlan plan = report.plan;
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("formatVersion", FORMAT_VERSION);
        root.addProperty("generatedAt", generatedAt.toString());
        root.addProperty("generator", generator);

        root.add("plan", planHeader(plan));
        root.add("target", endpoint(plan.target()));
        root.add("source", endpoint(plan.source()));

        root.add("summary", summary(report));

        root.add("checklist", checklist(report.entries));
        root.add("inventory", inventory(plan.inventory()));

        root.add("mappings", mappings(plan.mappings(), plan.inventory()));
        root.add("smoke", report.latest.map(PlanJson::run).orElse(null));
        root.add("sourceRun", report.sourceRun.map(PlanJson::run).orElse(null));
        root.add("comparisons", comparisons(report.comparisons()));
        root.add("reconciliation", reconciliation(report));
        root.add("confirmations", confirmations(plan.confirmations()));
        root.addProperty("budgetUsd", plan.budgetUsd());
        root.add("requestChecks", requestChecks(plan.allRequestChecks()));
        root.add("checkFiles", strings(plan.checkFiles()));
        root.add("replayPrompts", strings(plan.replayPrompts()));

        root.add("rollout", rollout(plan.rollout(), report.gates));
        root.add("gates", gates(report.gates));

        root.add("rollback", rollback(plan.rollback()));

        JsonObject config = new JsonObject();
        config.add("new", env(report.newEnv()));
        config.add("rollback", env(report.rollbackEnv()));
        root.add("config", config);
        return GSON.toJson(root) + "\n";
    }

    private static JsonObject planHeader(MigrationPlan plan) {
        JsonObject p = new JsonObject();
        p.addProperty("name", plan.name());
        p.addProperty("schemaVersion", plan.schemaVersion());
        p.addProperty("updatedAt", plan.updatedAt());
        return p;
    }

    private static JsonObject summary(Report report) {
        JsonObject summary = new JsonObject();
        summary.addProperty("verdict", report.overall());
        summary.addProperty("checklistDone", report.doneCount());
        summary.addProperty("checklistTotal", report.entries.size());
        summary.addProperty("checks", report.latest.map(r -> r.results().size()).orElse(0));
        summary.addProperty("passed", report.latest.map(r -> r.count(Verdict.PASS)).orElse(0L));
        summary.addProperty("failed", report.latest.map(r -> r.count(Verdict.FAIL)).orElse(0L));
        summary.addProperty("unsupported", report.latest.map(r -> r.count(Verdict.UNSUPPORTED)).orElse(0L));
        summary.addProperty("errors", report.latest.map(r -> r.count(Verdict.ERROR)).orElse(0L));
        return summary;
    }

    private static JsonArray checklist(List<Checklist.Entry> entries) {
        JsonArray checklist = new JsonArray();
        for (Checklist.Entry e : entries) {
            JsonObject o = new JsonObject();
            o.addProperty("id", e.id());
            o.addProperty("title", e.title());
            o.addProperty("status", e.status().label());
            o.addProperty("decidedBy", e.fromPerson() ? "person" : e.status() == ItemStatus.OPEN ? "none" : "evidence");
            o.addProperty("evidence", e.evidence());
            o.addProperty("note", e.note());
            checklist.add(o);
        }
        return checklist;
    }

    private static JsonArray mappings(List<ModelMapping> list, Inventory inv) {
        JsonArray mappings = new JsonArray();
        for (ModelMapping m : list) {
            JsonObject o = new JsonObject();
            o.addProperty("sourceModel", m.sourceModel());
            o.addProperty("sourceKind", inv.isDeployment(m.sourceModel()) ? "deployment" : "model");
            o.addProperty("kept", inv.isKept(m.sourceModel()));
            o.addProperty("targetModel", m.targetModel());
            o.add("features", strings(m.features()));
            o.addProperty("notes", m.notes());
            o.addProperty("inputPer1M", m.inputPer1M());
            o.addProperty("outputPer1M", m.outputPer1M());
            mappings.add(o);
        }
        return mappings;
    }

    private static JsonArray comparisons(List<Comparison> list) {
        JsonArray comparisons = new JsonArray();
        for (Comparison c : list) {
            JsonObject o = new JsonObject();
            o.addProperty("checkId", c.checkId());
            o.addProperty("sourceModel", c.sourceModel());
            o.addProperty("targetModel", c.targetModel());
            o.addProperty("sourceVerdict", Text.verdict(c.sourceVerdict()));
            o.addProperty("targetVerdict", Text.verdict(c.targetVerdict()));
            o.addProperty("matches", c.matches());
            o.add("differences", strings(c.differences()));
            o.addProperty("sourceTotalMs", c.sourceTotalMs());
            o.addProperty("targetTotalMs", c.targetTotalMs());
            o.addProperty("sourceTokens", c.sourceTokens());
            o.addProperty("targetTokens", c.targetTokens());
            comparisons.add(o);
        }
        return comparisons;
    }

    private static JsonArray confirmations(List<Confirmation> list) {
        JsonArray confirmations = new JsonArray();
        for (Confirmation c : list) {
            JsonObject o = new JsonObject();
            o.addProperty("itemId", c.itemId());
            o.addProperty("who", c.who());
            o.addProperty("when", c.when());
            o.addProperty("evidence", c.evidence());
            confirmations.add(o);
        }
        return confirmations;
    }

    /** The plan's request checks and its check files' ({@code origin} says which file and line). */
    private static JsonArray requestChecks(List<RequestCheck> list) {
        JsonArray out = new JsonArray();
        for (RequestCheck c : list) {
            JsonObject o = c.toJson();
            o.addProperty("origin", c.origin());
            out.add(o);
        }
        return out;
    }

    private static JsonArray rollout(List<RolloutStage> stages, Gates.Evaluation evaluation) {
        JsonArray rollout = new JsonArray();
        int order = 1;
        for (RolloutStage s : stages) {
            Gates.StageGate g = evaluation.stages().get(order - 1).reading();
            JsonObject o = new JsonObject();
            o.addProperty("order", order++);
            o.addProperty("name", s.name());
            o.addProperty("gate", s.gate());
            o.addProperty("status", s.status().label());
            o.addProperty("note", s.note());
            o.addProperty("owner", s.owner());
            o.addProperty("date", s.date());
            o.addProperty("dateProblem", RolloutStage.dateProblem(s.date()));
            o.addProperty("gateReading", g.reading().id());
            o.addProperty("gateMeasured", g.measured());
            rollout.add(o);
        }
        return rollout;
    }

    private static JsonObject gates(Gates.Evaluation evaluation) {
        Gates.Measurements m = evaluation.measurements();
        JsonObject gates = new JsonObject();
        gates.addProperty("requests", m.requests());
        gates.addProperty("errors", m.errors());
        gates.addProperty("errorRate", m.errorRate());
        gates.addProperty("p95Ms", m.p95Ms());
        gates.addProperty("costPer1kUsd", m.costPer1k());
        gates.addProperty("costSource", m.costSource());
        gates.addProperty("basis", evaluation.basis());
        return gates;
    }

    private static JsonObject rollback(Rollback rollback) {
        JsonObject rb = new JsonObject();
        rb.addProperty("ready", rollback.isReady());
        rb.addProperty("baseUrl", rollback.baseUrl());
        rb.addProperty("model", rollback.model());
        rb.addProperty("keyRef", rollback.keyRef());
        rb.addProperty("keyLocation", Endpoint.describeKeyRef(rollback.keyRef()));
        rb.addProperty("notes", rollback.notes());
        rb.addProperty("provedAt", rollback.provedAt());
        return rb;
    }

    private static JsonObject endpoint(Endpoint e) {
        JsonObject o = new JsonObject();
        o.addProperty("preset", e.preset());
        o.addProperty("baseUrl", e.baseUrl());
        o.addProperty("keyRef", e.keyRef());
        o.addProperty("keyLocation", Endpoint.describeKeyRef(e.keyRef()));
        return o;
    }

    private static JsonObject inventory(Inventory inv) {
        JsonObject o = new JsonObject();
        o.addProperty("sdk", inv.sdk());
        o.add("endpoints", strings(inv.endpoints()));
        o.addProperty("currentBaseUrl", inv.currentBaseUrl());
        o.addProperty("productionModel", inv.productionModel());
        o.add("fallbackModels", strings(inv.fallbackModels()));
        o.addProperty("messageShape", inv.messageShape());
        Parameters p = inv.parameters();
        JsonObject params = new JsonObject();
        params.addProperty("stream", p.stream());
        params.addProperty("temperature", p.temperature());
        params.addProperty("maxTokens", p.maxTokens());
        params.addProperty("tools", p.tools());
        params.addProperty("jsonOutput", p.jsonOutput());
        params.addProperty("responseFormat", p.responseFormat());
        params.addProperty("seed", p.seed());
        params.addProperty("timeoutSeconds", p.timeoutSeconds());
        params.addProperty("retries", p.retries());
        o.add("parameters", params);
        o.addProperty("observability", inv.observability());
        o.addProperty("rollbackPath", inv.rollbackPath());
        o.add("providers", providers(inv));
        return o;
    }

    /** The provider rows with their decision ("migrate", "keep" or "" when not decided) and its words. */
    private static JsonArray providers(Inventory inv) {
        JsonArray out = new JsonArray();
        for (ai.flatkey.migrate.plan.SourceProvider p : inv.providers()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", p.name());
            o.addProperty("host", p.host());
            o.addProperty("baseUrl", p.baseUrl());
            o.addProperty("sdk", p.sdk());
            o.add("models", strings(p.models()));
            o.add("deployments", strings(p.deployments()));
            o.add("endpoints", strings(p.endpoints()));
            o.addProperty("calls", p.calls());
            o.addProperty("keyEnv", p.keyEnv());
            o.addProperty("auth", p.auth());
            o.addProperty("apiVersion", p.apiVersion());
            o.addProperty("decision", p.decision());
            o.addProperty("decisionText", Text.decision(p));
            o.addProperty("notes", p.notes());
            out.add(o);
        }
        return out;
    }

    private static JsonObject run(SmokeRun run) {
        JsonObject o = new JsonObject();
        o.addProperty("startedAt", run.startedAt());
        o.addProperty("targetBaseUrl", run.targetBaseUrl());
        JsonArray results = new JsonArray();
        for (CheckResult r : run.results()) {
            JsonObject c = new JsonObject();
            c.addProperty("checkId", r.checkId());
            c.addProperty("feature", r.feature());
            c.addProperty("model", r.model());
            c.addProperty("verdict", Text.verdict(r.verdict()));
            c.addProperty("ruleId", r.ruleId());
            c.addProperty("reason", r.reason());
            c.addProperty("requestId", r.requestId());
            c.addProperty("ttftMs", r.ttftMs());
            c.addProperty("totalMs", r.totalMs());
            c.addProperty("promptTokens", r.promptTokens());
            c.addProperty("completionTokens", r.completionTokens());
            c.addProperty("totalTokens", r.totalTokens());
            c.addProperty("output", r.output());
            c.addProperty("curl", r.curl());
            JsonArray breaches = new JsonArray();
            for (ai.flatkey.migrate.plan.RuleBreach b : r.breaches()) {
                JsonObject o2 = new JsonObject();
                o2.addProperty("ruleId", b.ruleId());
                o2.addProperty("class", b.kind().name().toLowerCase(java.util.Locale.ROOT));
                o2.addProperty("evidence", b.evidence());
                breaches.add(o2);
            }
            c.add("breaches", breaches);
            JsonArray assertions = new JsonArray();
            for (AssertionResult a : r.assertions()) {
                JsonObject o2 = new JsonObject();
                o2.addProperty("ruleId", a.ruleId());
                o2.addProperty("assertion", a.assertion());
                o2.addProperty("status", a.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                o2.addProperty("evidence", a.evidence());
                assertions.add(o2);
            }
            c.add("assertions", assertions);
            c.add("otherRequests", otherRequests(r));
            if (r.stats() == null) {
                c.add("stats", null);
            } else {
                JsonObject st = new JsonObject();
                st.addProperty("samples", r.stats().samples());
                st.addProperty("passed", r.stats().passed());
                st.addProperty("totalP50Ms", r.stats().totalP50Ms());
                st.addProperty("totalP95Ms", r.stats().totalP95Ms());
                st.addProperty("ttftP50Ms", r.stats().ttftP50Ms());
                st.addProperty("ttftP95Ms", r.stats().ttftP95Ms());
                c.add("stats", st);
            }
            results.add(c);
        }
        o.add("results", results);
        return o;
    }

    private static JsonObject reconciliation(Report report) {
        JsonObject o = new JsonObject();
        o.addProperty("status", report.reconciliationStatus());
        JsonArray requests = new JsonArray();
        JsonArray limits = new JsonArray();
        if (report.reconciliation.isPresent()) {
            Reconciliation r = report.reconciliation.get();
            o.addProperty("checkedAt", r.checkedAt());
            o.addProperty("source", r.source());
            o.addProperty("note", r.note());
            o.addProperty("quotaBeforeUsd", r.quotaBefore());
            o.addProperty("quotaAfterUsd", r.quotaAfter());
            o.addProperty("quotaDropUsd", r.quotaDrop());
            o.addProperty("suiteCostUsd", r.suiteCostUsd());
            r.rateLimits().forEach(limits::add);
            for (Reconciliation.Row w : r.rows()) {
                JsonObject q = new JsonObject();
                q.addProperty("checkId", w.checkId());
                q.addProperty("requestId", w.requestId());
                q.addProperty("modelAsked", w.modelAsked());
                q.addProperty("modelBilled", w.modelBilled());
                q.addProperty("tokensSeen", w.tokensSeen());
                q.addProperty("tokensLogged", w.tokensLogged());
                q.addProperty("costEstimateUsd", w.costEstimateUsd());
                q.addProperty("costLoggedUsd", w.costLoggedUsd());
                q.addProperty("requestStatus", w.requestStatus());
                q.addProperty("status", Report.status(w.status()));
                q.addProperty("difference", w.difference());
                requests.add(q);
            }
        } else {
            o.addProperty("checkedAt", "");
            o.addProperty("source", "");
            o.addProperty("note", report.staleReconciliation()
                    .map(old -> "The reconciliation on file is for the run of " + old.runStartedAt() + ", not the latest run.")
                    .orElse("The smoke requests have not been matched with the gateway's usage log and billing records yet."));
            o.add("quotaBeforeUsd", null);
            o.add("quotaAfterUsd", null);
            o.add("quotaDropUsd", null);
            o.add("suiteCostUsd", null);
            report.latest.ifPresent(run -> run.results().stream().filter(r -> !r.requestId().isBlank()).forEach(r -> {
                JsonObject q = new JsonObject();
                q.addProperty("checkId", r.checkId());
                q.addProperty("requestId", r.requestId());
                q.addProperty("modelAsked", r.model());
                q.addProperty("modelBilled", "");
                q.addProperty("tokensSeen", r.totalTokens());
                q.add("tokensLogged", null);
                q.add("costEstimateUsd", null);
                q.add("costLoggedUsd", null);
                q.addProperty("requestStatus", "");
                q.addProperty("status", "not-checked");
                q.addProperty("difference", "");
                requests.add(q);
            }));
        }
        o.add("rateLimits", limits);
        o.add("requests", requests);
        return o;
    }

    private static JsonObject env(Map<String, String> vars) {
        JsonObject o = new JsonObject();
        vars.forEach(o::addProperty);
        return o;
    }

    private static JsonArray strings(List<String> list) {
        JsonArray a = new JsonArray();
        list.forEach(a::add);
        return a;
    }
}
