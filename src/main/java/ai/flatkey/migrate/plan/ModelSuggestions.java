package ai.flatkey.migrate.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ranks a catalog's model IDs as targets for a current model ID: exact and vendor-prefixed matches first, then by
 * name similarity (shared name parts, then edit distance), with a bonus for the same vendor family.
 */
public final class ModelSuggestions {

    private ModelSuggestions() {
    }

    /** The best {@code limit} catalog IDs for {@code source}, best first; empty for a blank source. */
    public static List<String> rank(String source, List<String> catalog, int limit) {
        String s = norm(source);
        if (s.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(catalog));
        ids.sort(Comparator.comparingDouble((String id) -> -score(s, id)).thenComparing(id -> id));
        return ids.stream().limit(limit).toList();
    }

    /** Catalog IDs containing {@code typed} (case-insensitive), ranked for {@code source}: what auto-complete offers. */
    public static List<String> complete(String typed, String source, List<String> catalog, int limit) {
        String t = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        List<String> ranked = rank(source == null || source.isBlank() ? typed : source, catalog, Integer.MAX_VALUE);
        if (ranked.isEmpty()) {
            ranked = catalog.stream().sorted().toList();
        }
        return ranked.stream().filter(id -> t.isEmpty() || id.toLowerCase(Locale.ROOT).contains(t)).limit(limit).toList();
    }

    /** Whether {@code id} is {@code source} itself or {@code source} behind a vendor prefix ("openai/gpt-4o"). */
    public static boolean sameModel(String source, String id) {
        return score(norm(source), id) >= 100;
    }

    static double score(String source, String id) {
        String t = norm(id);
        String bare = t.contains("/") ? t.substring(t.lastIndexOf('/') + 1) : t;
        if (t.equals(source) || bare.equals(source)) {
            return 100;
        }
        Set<String> a = parts(source);
        Set<String> b = parts(bare);
        Set<String> common = new LinkedHashSet<>(a);
        common.retainAll(b);
        Set<String> union = new LinkedHashSet<>(a);
        union.addAll(b);
        double jaccard = union.isEmpty() ? 0 : (double) common.size() / union.size();
        double edit = 1.0 - (double) distance(source, bare) / Math.max(source.length(), bare.length());
        double vendor = vendor(source).equals(vendor(t)) && !vendor(source).isEmpty() ? 0.5 : 0;
        return jaccard * 3 + edit * 2 + vendor;
    }

    /** The vendor family a model ID belongs to, from its name ("" when unknown). */
    public static String vendor(String id) {
        String s = norm(id);
        if (s.contains("/")) {
            String prefix = s.substring(0, s.indexOf('/'));
            return switch (prefix) {
                case "openai", "anthropic", "google", "meta-llama", "mistralai", "deepseek", "qwen", "x-ai" -> prefix.replace("-llama", "");
                default -> vendor(s.substring(s.indexOf('/') + 1));
            };
        }
        if (s.startsWith("gpt") || s.matches("o\\d.*") || s.startsWith("text-embedding") || s.startsWith("dall-e")) {
            return "openai";
        }
        if (s.startsWith("claude")) {
            return "anthropic";
        }
        if (s.startsWith("gemini") || s.startsWith("veo") || s.startsWith("imagen")) {
            return "google";
        }
        if (s.startsWith("llama")) {
            return "meta";
        }
        if (s.startsWith("mistral") || s.startsWith("mixtral") || s.startsWith("codestral")) {
            return "mistralai";
        }
        if (s.startsWith("deepseek")) {
            return "deepseek";
        }
        if (s.startsWith("qwen")) {
            return "qwen";
        }
        if (s.startsWith("grok")) {
            return "x-ai";
        }
        return "";
    }

    private static String norm(String s) {
        String v = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
        return v.startsWith("models/") ? v.substring(7) : v;
    }

    private static Set<String> parts(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : s.split("[-_.:/\\s]+")) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
