package ai.flatkey.migrate.scan;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one scan found, in a stable order (file, line, kind), with ids {@code f1, f2, …}. */
public record ScanResult(String root, List<Finding> findings, List<CallSite> calls, ScanStats stats) {

    public ScanResult {
        findings = List.copyOf(findings);
        calls = List.copyOf(calls);
    }

    public Optional<Finding> finding(String id) {
        return findings.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    public List<Finding> risks() {
        return findings.stream().filter(f -> f.kind().isRisk()).toList();
    }

    public Map<FindingKind, Integer> countsByKind() {
        Map<FindingKind, Integer> m = new EnumMap<>(FindingKind.class);
        findings.forEach(f -> m.merge(f.kind(), 1, Integer::sum));
        return m;
    }

    /** Distinct values of one kind with how often each was seen, most frequent first (ties: first seen). */
    public Map<String, Integer> valueCounts(FindingKind kind) {
        Map<String, Integer> m = new LinkedHashMap<>();
        findings.stream().filter(f -> f.kind() == kind).forEach(f -> m.merge(f.value(), 1, Integer::sum));
        Map<String, Integer> sorted = new LinkedHashMap<>();
        m.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
                .forEachOrdered(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
