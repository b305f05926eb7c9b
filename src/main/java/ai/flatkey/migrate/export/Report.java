package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.Comparison;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.smoke.Gates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every renderer shows, worked out once from a scrubbed copy of the plan: checklist entries, the latest run and
 * an optional run against the current provider, the model × feature matrix, and the two environment configs.
 */
final class Report {
    /** Features in the order the smoke suite runs them; others follow in the order they appear. */
    private static final List<String> FEATURE_ORDER = List.of("models", "chat", "streaming", "tools", "json", "json_schema",
            "vision", "responses", "embeddings", "bad-key", "bad-model", "unsupported-param");

    final MigrationPlan plan;
    final List<Checklist.Entry> entries;
    final Optional<SmokeRun> latest;
    /** The current provider's side: the latest run's compare-mode results, else an earlier run against its URL. */
    final Optional<SmokeRun> sourceRun;
    /** For each check of the latest run (by ID), the same check against the current provider. */
    final Map<String, CheckResult> sourceByCheck;
    /** The reconciliation of the latest run, if there is one. */
    final Optional<Reconciliation> reconciliation;
    /** The rollout stages' gates measured on the plan's evidence, as the wizard shows them. */
    final Gates.Evaluation gates;

    private Report(MigrationPlan plan) {
        this.plan = plan;
        this.entries = Checklist.derive(plan);
        this.latest = plan.latestRun();
        this.sourceRun = latest.filter(SmokeRun::compared)
                .map(r -> new SmokeRun(r.startedAt(), r.sourceBaseUrl(), r.sourceResults()))
                .or(() -> findSourceRun(plan, latest));
        this.sourceByCheck = pairs(latest, sourceRun);
        this.reconciliation = plan.latestReconciliation();
        this.gates = Gates.evaluate(plan);
    }

    /** "error rate 50.0% (1 of 2), p95 latency 900 ms, cost per 1,000 requests $0.0020" */
    String measurements() {
        Gates.Measurements m = gates.measurements();
        return "error rate " + m.errorRateText() + ", p95 latency " + m.p95Text() + ", cost per 1,000 requests " + m.costText();
    }

    private static Map<String, CheckResult> pairs(Optional<SmokeRun> latest, Optional<SmokeRun> source) {
        Map<String, CheckResult> out = new LinkedHashMap<>();
        if (latest.isEmpty() || source.isEmpty()) {
            return out;
        }
        SmokeRun run = latest.get();
        for (CheckResult r : run.results()) {
            Optional<Comparison> c = run.comparisons().stream().filter(x -> x.checkId().equals(r.checkId())).findFirst();
            Optional<CheckResult> match = c.isPresent()
                    ? source.get().results().stream().filter(s -> s.feature().equals(r.feature()) && s.model().equals(c.get().sourceModel())).findFirst()
                    : source.get().results().stream().filter(s -> s.checkId().equals(r.checkId())).findFirst();
            match.ifPresent(m -> out.put(r.checkId(), m));
        }
        return out;
    }

    /** The comparisons of the latest run (compare mode), or none. */
    List<Comparison> comparisons() {
        return latest.map(SmokeRun::comparisons).orElse(List.of());
    }

    /**
     * The reconciliation's overall state: {@code not-verified} (none for the latest run), {@code mismatch} (a request
     * differs from the gateway's record), {@code pending} (a request is not in the log yet), {@code matched} (every
     * checkable request matches) or {@code not-checkable} (nothing could be checked).
     */
    String reconciliationStatus() {
        if (reconciliation.isEmpty()) {
            return "not-verified";
        }
        Reconciliation r = reconciliation.get();
        if (r.count(Reconciliation.Status.MISMATCH) > 0) {
            return "mismatch";
        }
        if (r.count(Reconciliation.Status.NOT_VISIBLE_YET) > 0) {
            return "pending";
        }
        return r.count(Reconciliation.Status.MATCH) > 0 ? "matched" : "not-checkable";
    }

    /** A reconciliation stored in the plan for an older run than the latest, if any. */
    Optional<Reconciliation> staleReconciliation() {
        return reconciliation.isPresent() ? Optional.empty() : Optional.ofNullable(plan.reconciliation());
    }

    static String status(Reconciliation.Status s) {
        return switch (s) {
            case MATCH -> "match";
            case MISMATCH -> "mismatch";
            case NOT_VISIBLE_YET -> "not-visible-yet";
            case NOT_CHECKABLE -> "not-checkable";
        };
    }

    static String usd(Double v) {
        if (v == null) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, Math.abs(v) < 0.01 && v != 0 ? "$%.6f" : "$%.4f", v);
    }

    /** The report of a plan; its texts are scrubbed of anything shaped like a key first. */
    static Report of(MigrationPlan plan) {
        return new Report(KeyScrubber.plan(plan));
    }

    private static Optional<SmokeRun> findSourceRun(MigrationPlan plan, Optional<SmokeRun> latest) {
        String source = plan.source().baseUrl();
        if (source.isBlank() || latest.isEmpty() || sameUrl(latest.get().targetBaseUrl(), source)) {
            return Optional.empty();
        }
        List<SmokeRun> runs = plan.smokeRuns();
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (sameUrl(runs.get(i).targetBaseUrl(), source)) {
                return Optional.of(runs.get(i));
            }
        }
        return Optional.empty();
    }

    private static boolean sameUrl(String a, String b) {
        return a.replaceAll("/+$", "").equalsIgnoreCase(b.replaceAll("/+$", ""));
    }

    long doneCount() {
        return Checklist.doneCount(entries);
    }

    /** "not-run", "pass" or "fail" for the latest run. */
    String overall() {
        if (latest.isEmpty() || latest.get().results().isEmpty()) {
            return "not-run";
        }
        return latest.get().allPassed() ? "pass" : "fail";
    }

    /** Features seen in the run, in suite order. */
    static List<String> features(SmokeRun run) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        run.results().forEach(r -> seen.add(r.feature()));
        List<String> out = new ArrayList<>();
        FEATURE_ORDER.stream().filter(seen::contains).forEach(out::add);
        seen.stream().filter(f -> !out.contains(f)).forEach(out::add);
        return out;
    }

    /** Models seen in the run, in order of appearance; "" stands for checks made per target. */
    static List<String> models(SmokeRun run) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        run.results().forEach(r -> seen.add(r.model()));
        return List.copyOf(seen);
    }

    /** The verdict for one model and feature (the worst if several checks share the cell), or null if none ran. */
    static Verdict cell(SmokeRun run, String model, String feature) {
        Verdict worst = null;
        for (CheckResult r : run.results()) {
            if (r.model().equals(model) && r.feature().equals(feature)) {
                worst = worst == null || rank(r.verdict()) > rank(worst) ? r.verdict() : worst;
            }
        }
        return worst;
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case PASS -> 0;
            case UNSUPPORTED -> 1;
            case FAIL -> 2;
            case ERROR -> 3;
        };
    }

    /** The target model the app's production model maps to (else the first mapped one), or "". */
    String primaryTargetModel() {
        String production = plan.inventory().productionModel().strip();
        for (ModelMapping m : plan.mappings()) {
            if (!production.isBlank() && m.sourceModel().equals(production) && !m.targetModel().isBlank()) {
                return m.targetModel();
            }
        }
        List<String> targets = plan.targetModels();
        return targets.isEmpty() ? "" : targets.get(0);
    }

    /** The target base URL as it belongs in configuration ("" if not set). */
    String targetBaseUrl() {
        return plan.target().baseUrl();
    }

    /** The new configuration, in the runbook's variable names; the key is always left empty. */
    Map<String, String> newEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FLATKEY_API_KEY", "");
        env.put("OPENAI_BASE_URL", targetBaseUrl());
        env.put("FLATKEY_MODEL", primaryTargetModel());
        return env;
    }

    /** The rollback configuration, in the runbook's variable names. */
    Map<String, String> rollbackEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ROLLBACK_OPENAI_BASE_URL", plan.rollback().baseUrl());
        env.put("ROLLBACK_MODEL", plan.rollback().model());
        return env;
    }

    /** True when the target is the embedded demo gateway (its port changes every start). */
    boolean demoTarget() {
        return plan.target().isDemo();
    }
}
