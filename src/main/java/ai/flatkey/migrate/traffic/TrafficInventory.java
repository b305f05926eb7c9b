package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.scan.Confidence;
import ai.flatkey.migrate.scan.PlanScan;
import ai.flatkey.migrate.scan.Prefill;
import ai.flatkey.migrate.scan.Proposal;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inventory a recording shows: which endpoints, models, parameters and message shapes the app really sends, and
 * how often its calls failed, each with its call count as evidence. Proposed into the plan the way the scanner's
 * prefill proposes ({@link Proposal}, applied by {@link Prefill#merge}: only empty fields filled, missing mapping rows
 * added), so a face shows them for the person to accept.
 */
public final class TrafficInventory {
    private TrafficInventory() {
    }

    /**
     * One thing seen in the traffic, with how many calls showed it.
     *
     * @param what  e.g. {@code parameter stream: true}, {@code endpoint chat}, {@code errors chat 4xx}
     * @param calls how many recorded calls showed it
     * @param seqs  the first few calls that showed it
     */
    public record Observation(String what, int calls, List<Integer> seqs) {
        public Observation {
            seqs = List.copyOf(seqs);
        }

        /** The evidence line of a proposal: {@code 12 of 40 recorded calls (#1, #3, #4…)}. */
        String evidence(String file, int total) {
            return file + ": " + calls + " of " + total + " recorded calls (" + String.join(", ",
                    seqs.stream().map(s -> "#" + s).toList()) + (calls > seqs.size() ? "…" : "") + ")";
        }
    }

    /** What the recording shows and proposes, with the proposals that start accepted. */
    public record Outcome(int calls, List<Observation> observations, List<Proposal> proposals, Set<String> defaultAccepted) {
        public Outcome {
            observations = List.copyOf(observations);
            proposals = List.copyOf(proposals);
            defaultAccepted = Set.copyOf(defaultAccepted);
        }

        /** {@code plan} with the accepted proposals merged in (only empty fields filled), and what that did. */
        public PlanScan.Applied applyTo(MigrationPlan plan, Set<String> accepted) {
            int fills = 0;
            int kept = 0;
            for (Proposal p : proposals) {
                if (accepted.contains(p.id())) {
                    Prefill.Effect e = Prefill.effect(plan, p);
                    fills += e == Prefill.Effect.FILLS ? 1 : 0;
                    kept += e == Prefill.Effect.KEEPS_PLAN_VALUE ? 1 : 0;
                }
            }
            return new PlanScan.Applied(Prefill.merge(plan, proposals, accepted), fills, kept);
        }
    }

    /** Reads what the calls of {@code recording} show; {@code file} names it in the evidence. */
    public static Outcome of(Recording recording, String file) {
        Map<String, List<Integer>> seen = new LinkedHashMap<>();
        Map<String, List<Integer>> models = new LinkedHashMap<>();
        Map<String, Set<String>> features = new LinkedHashMap<>();
        for (RecordedCall c : recording.calls()) {
            observe(c, seen, models, features);
        }
        int total = recording.calls().size();
        List<Observation> observations = new ArrayList<>();
        seen.forEach((what, seqs) -> observations.add(new Observation(what, seqs.size(), seqs.stream().limit(5).toList())));
        models.forEach((m, seqs) -> observations.add(new Observation("model " + m, seqs.size(),
                seqs.stream().limit(5).toList())));
        List<Proposal> proposals = proposals(recording, file, total, observations, models, features);
        Set<String> accepted = new LinkedHashSet<>(Prefill.defaultAccepted(proposals));
        return new Outcome(total, observations, proposals, accepted);
    }

    private static void observe(RecordedCall c, Map<String, List<Integer>> seen, Map<String, List<Integer>> models,
                                Map<String, Set<String>> features) {
        String family = ReplayCalls.family(c.route());
        add(seen, "endpoint " + family, c);
        if (c.status() >= 400 || c.status() <= 0) {
            add(seen, "errors " + family + " " + (c.status() <= 0 ? "no answer" : (c.status() / 100) + "xx"), c);
        }
        String model = c.model();
        Set<String> used = model == null ? new LinkedHashSet<>() : features.computeIfAbsent(model, m -> new LinkedHashSet<>());
        if (model != null) {
            add(models, model, c);
        }
        used.add(family.equals("chat") ? "chat" : family);
        if (c.requestBody() == null || !c.requestBody().isJsonObject()) {
            return;
        }
        JsonObject body = c.requestBody().getAsJsonObject();
        for (String p : TrafficParameters.of(body)) {
            add(seen, "parameter " + p, c);
            TrafficParameters.feature(p).ifPresent(used::add);
        }
        for (String shape : TrafficParameters.messageShapes(body)) {
            add(seen, "message " + shape, c);
            if (shape.startsWith("image")) {
                used.add("vision");
            }
        }
    }

    private static void add(Map<String, List<Integer>> into, String key, RecordedCall c) {
        into.computeIfAbsent(key, k -> new ArrayList<>()).add(c.seq());
    }

    private static List<Proposal> proposals(Recording recording, String file, int total, List<Observation> observations,
                                            Map<String, List<Integer>> models, Map<String, Set<String>> features) {
        List<Proposal> out = new ArrayList<>();
        String upstream = recording.header().upstream();
        if (upstream != null && !upstream.isBlank()) {
            out.add(new Proposal("base-url", Proposal.Target.BASE_URL, upstream, List.of(), "", Confidence.HIGH,
                    List.of(file + ": the recording's upstream"), "every recorded call was forwarded there"));
        }
        // the most frequent value first: the one that fills a field the plan leaves empty
        for (Observation o : observations.stream().sorted(Comparator.comparing(x -> -x.calls())).toList()) {
            String ev = o.evidence(file, total);
            if (o.what().startsWith("endpoint ") && !o.what().endsWith(" other")) {
                String family = o.what().substring("endpoint ".length());
                out.add(new Proposal("endpoint:" + family, Proposal.Target.ENDPOINT, family, List.of(), "",
                        Confidence.HIGH, List.of(ev), "the app called it"));
            } else if (o.what().startsWith("parameter ")) {
                out.addAll(TrafficParameters.proposals(o.what().substring("parameter ".length()), ev));
            }
        }
        String shape = observations.stream().filter(o -> o.what().startsWith("message "))
                .map(o -> o.what().substring("message ".length()) + " (" + o.calls() + ")")
                .reduce((a, b) -> a + ", " + b).orElse("");
        if (!shape.isEmpty()) {
            out.add(new Proposal("message-shape", Proposal.Target.MESSAGE_SHAPE, shape, List.of(), "", Confidence.HIGH,
                    List.of(file + ": " + total + " recorded calls"), "the messages the app sent"));
        }
        models(out, file, total, models, features);
        return out;
    }

    /** The most called chat model as production, the others as fallbacks, and a mapping row per model. */
    private static void models(List<Proposal> out, String file, int total, Map<String, List<Integer>> models,
                               Map<String, Set<String>> features) {
        List<Map.Entry<String, List<Integer>>> ranked = models.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<Integer>> e) -> -e.getValue().size())).toList();
        boolean production = false;
        for (Map.Entry<String, List<Integer>> m : ranked) {
            Observation o = new Observation("model " + m.getKey(), m.getValue().size(), m.getValue().stream().limit(5).toList());
            String ev = o.evidence(file, total);
            List<String> used = List.copyOf(features.getOrDefault(m.getKey(), Set.of()));
            boolean chat = used.contains("chat") || used.contains("responses");
            if (chat) {
                out.add(new Proposal((production ? "fallback:" : "production:") + m.getKey(), production
                        ? Proposal.Target.FALLBACK_MODEL : Proposal.Target.PRODUCTION_MODEL, m.getKey(), List.of(), "",
                        production ? Confidence.MEDIUM : Confidence.HIGH, List.of(ev), production
                        ? "called less often than the production model" : "the most called chat model"));
                production = true;
            }
            out.add(new Proposal("mapping:" + m.getKey(), Proposal.Target.MAPPING, m.getKey(), used,
                    "seen in recorded traffic", Confidence.HIGH, List.of(ev), "the app sent it"));
        }
    }

    /** The text of a JSON primitive, or null. */
    static String text(JsonElement e) {
        return Expectations.text(e);
    }
}
