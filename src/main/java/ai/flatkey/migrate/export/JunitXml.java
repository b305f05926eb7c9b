package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.RuleBreach;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.smoke.Gates;

import java.util.List;
import java.util.Locale;

/**
 * The latest smoke run as JUnit XML, the report format CI systems read: one {@code testcase} per check
 * (class name {@code smoke.FEATURE}, name {@code CHECK-ID}, time in seconds from the check's total time).
 * Fail becomes {@code failure}, Error {@code error} and Unsupported {@code skipped}, each with the rule ID and reason;
 * a check that broke more than one rule lists every one in its message ({@code [A, B] …}, {@code type} the worst) and
 * each with its class and evidence in the details.
 * A plan without a run gets one skipped test case that says so, rather than an empty report that looks green.
 */
public final class JunitXml {
    private JunitXml() {
    }

    public static String render(MigrationPlan original) {
        Report report = Report.of(original);
        MigrationPlan plan = report.plan;
        String suite = "smoke: " + plan.name();
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        if (report.latest.isEmpty()) {
            x.append("<testsuites name=\"").append(Text.xml(suite)).append("\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"1\" time=\"0.000\">\n");
            x.append("  <testsuite name=\"").append(Text.xml(suite)).append("\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"1\" time=\"0.000\">\n");
            x.append("    <testcase classname=\"smoke\" name=\"smoke-run\" time=\"0.000\">\n");
            x.append("      <skipped message=\"No smoke run yet: run step 4 or 'flatkey-migrate run PLAN.json --write' first.\"/>\n");
            x.append("    </testcase>\n  </testsuite>\n</testsuites>\n");
            return x.toString();
        }
        SmokeRun run = report.latest.get();
        long tests = run.results().size();
        long failures = run.count(Verdict.FAIL);
        long errors = run.count(Verdict.ERROR);
        long skipped = run.count(Verdict.UNSUPPORTED);
        long totalMs = run.results().stream().mapToLong(r -> r.totalMs() == null ? 0 : r.totalMs()).sum();
        String counts = "\" tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"" + errors + "\" skipped=\"" + skipped
                + "\" time=\"" + seconds(totalMs) + "\"";
        x.append("<testsuites name=\"").append(Text.xml(suite)).append(counts).append(">\n");
        x.append("  <testsuite name=\"").append(Text.xml(suite)).append(counts);
        if (!run.startedAt().isBlank()) {
            x.append(" timestamp=\"").append(Text.xml(run.startedAt())).append('"');
        }
        x.append(">\n");
        x.append("    <properties>\n");
        property(x, "targetBaseUrl", run.targetBaseUrl());
        property(x, "targetPreset", plan.target().preset());
        Gates.Measurements gates = report.gates.measurements();
        property(x, "gateErrorRate", gates.errorRateText());
        property(x, "gateP95Latency", gates.p95Text());
        property(x, "gateCostPer1k", gates.costText());
        x.append("    </properties>\n");
        for (CheckResult r : run.results()) {
            x.append("    <testcase classname=\"smoke.").append(Text.xml(Text.or(r.feature(), "check"))).append("\" name=\"")
                    .append(Text.xml(Text.or(r.checkId(), r.feature() + ":" + r.model()))).append("\" time=\"")
                    .append(seconds(r.totalMs() == null ? 0 : r.totalMs())).append('"');
            if (r.verdict() == Verdict.PASS) {
                x.append(">\n");
            } else {
                x.append(">\n      <").append(element(r.verdict())).append(" message=\"").append(Text.xml(message(r))).append('"');
                if (!r.ruleId().isBlank()) {
                    x.append(" type=\"").append(Text.xml(r.ruleId())).append('"');
                }
                if (r.verdict() == Verdict.UNSUPPORTED) {
                    x.append("/>\n");
                } else {
                    x.append('>').append(Text.xml(details(r))).append("</").append(element(r.verdict())).append(">\n");
                }
            }
            String out = systemOut(r);
            if (!out.isEmpty()) {
                x.append("      <system-out>").append(Text.xml(out)).append("</system-out>\n");
            }
            x.append("    </testcase>\n");
        }
        x.append("  </testsuite>\n</testsuites>\n");
        return x.toString();
    }

    private static String element(Verdict v) {
        return switch (v) {
            case FAIL -> "failure";
            case ERROR -> "error";
            case UNSUPPORTED -> "skipped";
            case PASS -> "";
        };
    }

    private static String message(CheckResult r) {
        String reason = Text.oneLine(Text.or(r.reason(), Text.verdict(r.verdict())));
        List<String> rules = r.decidingRuleIds();
        return rules.isEmpty() ? reason : "[" + String.join(", ", rules) + "] " + reason;
    }

    private static String details(CheckResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Rule: ").append(Text.or(r.ruleId(), "(none)")).append('\n');
        sb.append("Reason: ").append(r.reason()).append('\n');
        if (r.breaches().size() > 1 || r.breaches().stream().anyMatch(b -> !b.ruleId().equals(r.ruleId()))) {
            sb.append("Breached rules (").append(r.breaches().size()).append("):\n");
            for (RuleBreach b : r.breaches()) {
                sb.append("- ").append(b.kind().name().toLowerCase(Locale.ROOT)).append(' ').append(b.ruleId()).append(": ")
                        .append(b.evidence()).append('\n');
            }
        }
        if (!r.assertions().isEmpty()) {
            sb.append("Assertions (").append(r.assertions().size()).append("):\n");
            for (AssertionResult a : r.assertions()) {
                sb.append("- ").append(a.status().label()).append(' ').append(a.ruleId()).append(' ').append(a.assertion())
                        .append(": ").append(a.evidence()).append('\n');
            }
        }
        sb.append("Model: ").append(Text.or(r.model(), "(per target)")).append('\n');
        if (!r.requestId().isBlank()) {
            sb.append("Request ID: ").append(r.requestId()).append('\n');
        }
        if (!r.curl().isBlank()) {
            sb.append("Reproduce: ").append(r.curl()).append('\n');
        }
        return sb.toString();
    }

    private static String systemOut(CheckResult r) {
        StringBuilder sb = new StringBuilder();
        if (r.ttftMs() != null) {
            sb.append("TTFT ").append(r.ttftMs()).append(" ms\n");
        }
        if (r.totalMs() != null) {
            sb.append("Total ").append(r.totalMs()).append(" ms\n");
        }
        if (r.totalTokens() != null) {
            sb.append("Tokens ").append(r.totalTokens()).append('\n');
        }
        if (r.verdict() == Verdict.PASS && !r.requestId().isBlank()) {
            sb.append("Request ID ").append(r.requestId()).append('\n');
        }
        if (!r.output().isBlank()) {
            sb.append("Output: ").append(Text.clip(r.output(), 2000)).append('\n');
        }
        if (!r.transcript().isBlank()) {
            sb.append("\nTranscript (key redacted):\n").append(r.transcript()).append('\n');
        }
        return sb.toString();
    }

    private static void property(StringBuilder x, String name, String value) {
        x.append("      <property name=\"").append(name).append("\" value=\"").append(Text.xml(value)).append("\"/>\n");
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000);
    }
}
