package ai.flatkey.migrate.scan;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.SourceProvider;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Plain-text renderings of a scan for the command line: the summary and the proposed plan changes. */
public final class ScanSummary {

    private ScanSummary() {
    }

    public static String render(ScanResult scan) {
        StringBuilder sb = new StringBuilder();
        ScanStats s = scan.stats();
        sb.append(String.format(Locale.ROOT, "Scanned %s: %d files visited, %d read (%.1f MB), %d analysed, in %.2f s%n", scan.root(),
                s.filesVisited(), s.filesRead(), s.bytesRead() / 1e6, s.filesAnalysed(), s.millis() / 1000.0));
        sb.append(String.format(Locale.ROOT, "Skipped: %d ignored (.gitignore, build/vendor folders), %d other file types, %d binary, "
                + "%d over the size limit, %d symlinks out of the tree, %d unreadable%n", s.ignored(), s.otherTypes(), s.binary(),
                s.tooLarge(), s.symlinksSkipped(), s.unreadable()));
        if (scan.findings().isEmpty()) {
            sb.append("No OpenAI-compatible client use found.\n");
            return sb.toString();
        }
        sb.append("Findings: ").append(scan.findings().size()).append(" — ").append(scan.countsByKind().entrySet().stream()
                .map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        line(sb, "SDKs", scan.valueCounts(FindingKind.SDK));
        line(sb, "Endpoints", scan.valueCounts(FindingKind.CALL));
        line(sb, "Models", counts(scan, f -> f.kind() == FindingKind.MODEL && f.field() != InventoryField.DEPLOYMENT));
        line(sb, "Azure deployments", counts(scan, f -> f.kind() == FindingKind.MODEL && f.field() == InventoryField.DEPLOYMENT));
        providers(sb, scan);
        Map<String, Integer> urls = scan.findings().stream().filter(f -> f.kind() == FindingKind.BASE_URL && f.field() == InventoryField.CURRENT_BASE_URL)
                .collect(Collectors.toMap(Finding::value, f -> 1, Integer::sum, java.util.LinkedHashMap::new));
        line(sb, "Base URLs", urls);
        List<Finding> risks = scan.risks();
        sb.append("Risks: ").append(risks.isEmpty() ? "none" : risks.size()).append('\n');
        for (Finding r : risks) {
            sb.append("  ! ").append(r.location()).append("  ").append(r.detail()).append('\n');
        }
        return sb.toString();
    }

    private static Map<String, Integer> counts(ScanResult scan, java.util.function.Predicate<Finding> keep) {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        scan.findings().stream().filter(keep).forEach(f -> m.merge(f.value(), 1, Integer::sum));
        return m;
    }

    /** One line per provider: its calls by endpoint family and what is sent to it. */
    private static void providers(StringBuilder sb, ScanResult scan) {
        Set<String> names = new java.util.LinkedHashSet<>();
        scan.findings().stream().filter(f -> f.kind() == FindingKind.PROVIDER).forEach(f -> names.add(f.value()));
        scan.calls().stream().filter(c -> !c.provider().isEmpty()).forEach(c -> names.add(c.provider()));
        if (names.isEmpty()) {
            return;
        }
        sb.append("Providers: ").append(names.size()).append(" (each its own decision: migrate or keep)\n");
        for (String name : names) {
            List<CallSite> calls = scan.calls().stream().filter(c -> c.provider().equals(name)).toList();
            Set<String> families = new java.util.LinkedHashSet<>();
            calls.forEach(c -> families.add(c.family()));
            Set<String> sent = new java.util.LinkedHashSet<>();
            scan.findings().stream().filter(f -> f.kind() == FindingKind.MODEL && f.provider().equals(name))
                    .forEach(f -> sent.add(f.field() == InventoryField.DEPLOYMENT ? "deployment " + f.value() : f.value()));
            sb.append("  - ").append(name).append(": ").append(calls.size()).append(" call").append(calls.size() == 1 ? "" : "s")
                    .append(families.isEmpty() ? "" : " (" + String.join(", ", families) + ")")
                    .append(sent.isEmpty() ? "" : "; " + String.join(", ", sent)).append('\n');
        }
        long unattributed = scan.calls().stream().filter(c -> c.provider().isEmpty()).count();
        if (unattributed > 0) {
            sb.append("  - (provider not known from the code): ").append(unattributed).append(" call").append(unattributed == 1 ? "" : "s").append('\n');
        }
    }

    private static void line(StringBuilder sb, String title, Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return;
        }
        sb.append(title).append(": ").append(counts.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "))).append('\n');
    }

    /** A proposal's value as the diff shows it: a mapping row with its target, a provider row with its decision and models. */
    static String shown(Proposal p) {
        if (p.target() == Proposal.Target.MAPPING) {
            String target = Prefill.mappingTarget(p);
            return (p.deployment() ? "Azure deployment " : "") + p.value() + " → "
                    + (target.isEmpty() ? "(the model deployed behind it: step 3 asks)" : target)
                    + (p.features().isEmpty() ? "" : " (" + String.join(", ", p.features()) + ")");
        }
        if (p.target() == Proposal.Target.PROVIDER && p.provider() != null) {
            SourceProvider r = p.provider();
            List<String> sent = new java.util.ArrayList<>(r.models());
            r.deployments().forEach(d -> sent.add("deployment " + d));
            return p.value() + ": " + r.decision() + (r.endpoints().isEmpty() ? "" : "; " + String.join(", ", r.endpoints()))
                    + (sent.isEmpty() ? "" : "; " + String.join(", ", sent)) + (r.apiVersion().isEmpty() ? "" : "; api-version " + r.apiVersion())
                    + (r.auth().isEmpty() ? "" : "; " + r.auth());
        }
        return p.value();
    }

    /** What merging the accepted proposals into {@code plan} changes, one line per proposal, with its evidence. */
    public static String diff(MigrationPlan plan, List<Proposal> proposals, Set<String> accepted) {
        StringBuilder sb = new StringBuilder();
        for (Proposal p : proposals) {
            String head;
            if (!accepted.contains(p.id())) {
                head = "  ? " + p.target().label() + ": " + p.value() + "  (not applied: " + p.confidence().name().toLowerCase(Locale.ROOT)
                        + " confidence, review it)";
            } else {
                head = switch (Prefill.effect(plan, p)) {
                    case FILLS -> "  + " + p.target().label() + ": " + shown(p);
                    case ALREADY_SET -> "  = " + p.target().label() + ": " + p.value() + "  (already in the plan)";
                    case KEEPS_PLAN_VALUE -> "  ~ " + p.target().label() + ": plan keeps '" + Prefill.current(plan, p) + "' (scan found '"
                            + p.value() + "')";
                };
            }
            sb.append(head).append("   [").append(String.join(" ", p.evidence().stream().limit(6).toList()))
                    .append(p.evidence().size() > 6 ? " …" : "").append("]\n");
        }
        return sb.toString();
    }
}
