package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.plan.RequestCheck;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which recorded calls a replay sends: the distinct ones, each once, and every other call listed with the reason it
 * is not sent. Two calls are the same when their method, route (path without query) and request body are the same,
 * the body compared in canonical form (object keys sorted at every level, array order kept). The {@code model} field
 * is part of the body and so of the key: the same prompt sent to two models is two calls, since each model maps to
 * its own target model. Pure and deterministic: nothing is sent here.
 */
public final class ReplayCalls {
    /** A recorded answer using more tokens than this is a costly call (replayed only when costly calls are included). */
    public static final int COSTLY_TOKENS = 4_000;
    /** A request allowing more output tokens than this is a costly call. */
    public static final int COSTLY_OUTPUT_BOUND = 4_096;

    private ReplayCalls() {
    }

    /** Why a recorded call is not sent. */
    public enum Skip {
        /** Costly or with side effects, replayable: sent only when costly calls are included. */
        COSTLY,
        /**
         * A call the replay does not send: an upload kept by reference (multipart transcriptions, image edits), side
         * effects (files, uploads, batches, fine-tuning), video jobs, a method other than GET or POST.
         */
        NOT_REPLAYABLE,
        /** Nothing to compare with: no answer was recorded, or a transient error (429, 5xx). */
        NO_ANSWER,
        /** Left out by the sample. */
        NOT_SAMPLED
    }

    /**
     * One distinct call: the first recording of it that got an answer (else the first), its endpoint, its dedup key, and how often it was recorded.
     *
     * @param seqs the {@code seq} of every recorded call it stands for, in order
     */
    public record Distinct(RecordedCall call, RequestCheck.Api api, String key, List<Integer> seqs) {
        public Distinct {
            seqs = List.copyOf(seqs);
        }

        /** How many recorded calls it stands for. */
        public int occurrences() {
            return seqs.size();
        }

        /** The request check name it runs as: {@code replay-SEQ} (the seq of the call that stands for the others). */
        public String name() {
            return "replay-" + call.seq();
        }
    }

    /** A call that is not sent, and why, in words. */
    public record Skipped(Distinct call, Skip skip, String why) {
    }

    /**
     * The selection: the calls to send, in recording order, and the ones not sent.
     *
     * @param recorded how many calls the recording holds
     */
    public record Selection(int recorded, List<Distinct> send, List<Skipped> skipped) {
        public Selection {
            send = List.copyOf(send);
            skipped = List.copyOf(skipped);
        }

        /** How many distinct calls the recording holds. */
        public int distinct() {
            return send.size() + skipped.size();
        }
    }

    /**
     * Selects the calls of {@code calls} to replay.
     *
     * @param sample        at most this many distinct calls, picked by the digest of their key (deterministic, spread
     *                      over the recording); 0 for all
     * @param includeCostly whether costly replayable calls are sent
     */
    public static Selection select(List<RecordedCall> calls, int sample, boolean includeCostly) {
        List<Distinct> distinct = distinct(calls);
        List<Distinct> candidates = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Distinct d : distinct) {
            Skipped s = skip(d, includeCostly);
            if (s == null) {
                candidates.add(d);
            } else {
                skipped.add(s);
            }
        }
        List<Distinct> send = candidates;
        if (sample > 0 && candidates.size() > sample) {
            List<Distinct> picked = candidates.stream().sorted(Comparator.comparing(d -> digest(d.key())))
                    .limit(sample).toList();
            send = candidates.stream().filter(picked::contains).toList();
            candidates.stream().filter(d -> !picked.contains(d)).forEach(d -> skipped.add(new Skipped(d,
                    Skip.NOT_SAMPLED, "not in the sample of " + sample)));
        }
        return new Selection(calls.size(), send, skipped);
    }

    /** The distinct calls, in the order of their first recording. */
    static List<Distinct> distinct(List<RecordedCall> calls) {
        Map<String, List<RecordedCall>> byKey = new LinkedHashMap<>();
        for (RecordedCall c : calls) {
            byKey.computeIfAbsent(key(c), k -> new ArrayList<>()).add(c);
        }
        List<Distinct> out = new ArrayList<>();
        byKey.forEach((key, same) -> {
            // the first call that got an answer to compare with stands for the others (a 503 retried is one call)
            RecordedCall first = same.stream().filter(ReplayCalls::answered).findFirst().orElse(same.get(0));
            out.add(new Distinct(first, api(first), key, same.stream().map(RecordedCall::seq).toList()));
        });
        return out;
    }

    /** Whether a call got an answer whose shape can be compared: complete, not a transient error. */
    static boolean answered(RecordedCall c) {
        return c.status() > 0 && c.status() != 429 && c.status() < 500 && RecordedCall.COMPLETE.equals(c.outcome());
    }

    /** The dedup key: method, route and the canonical body (or the digest of a body kept by reference). */
    public static String key(RecordedCall c) {
        String body = c.requestBody() != null ? canonical(c.requestBody())
                : c.requestBodyRef() != null ? "ref:" + c.requestBodyRef().sha256() : "";
        return c.method().toUpperCase(Locale.ROOT) + " " + c.route() + " " + body;
    }

    /** JSON with object keys sorted at every level. */
    public static String canonical(JsonElement e) {
        return RecordingWriter.GSON.toJson(sorted(e));
    }

    private static JsonElement sorted(JsonElement e) {
        if (e == null || e.isJsonNull() || e.isJsonPrimitive()) {
            return e;
        }
        if (e.isJsonArray()) {
            JsonArray a = new JsonArray();
            e.getAsJsonArray().forEach(x -> a.add(sorted(x)));
            return a;
        }
        Map<String, JsonElement> keys = new TreeMap<>();
        e.getAsJsonObject().entrySet().forEach(m -> keys.put(m.getKey(), m.getValue()));
        JsonObject o = new JsonObject();
        keys.forEach((k, v) -> o.add(k, sorted(v)));
        return o;
    }

    /** The request-check endpoint a call goes to, or null when the replay cannot send it. */
    public static RequestCheck.Api api(RecordedCall c) {
        if (!"POST".equalsIgnoreCase(c.method()) || c.requestBody() == null || !c.requestBody().isJsonObject()) {
            return null;
        }
        String route = c.route();
        for (RequestCheck.Api api : RequestCheck.Api.values()) {
            if (route.endsWith("/" + api.path())) {
                return api;
            }
        }
        return null;
    }

    /** The endpoint family of a route, for the inventory and the skip list: {@code chat}, {@code images}, …. */
    public static String family(String route) {
        String r = route.toLowerCase(Locale.ROOT);
        if (r.endsWith("/chat/completions")) {
            return "chat";
        }
        for (String f : List.of("responses", "embeddings", "images", "audio", "moderations", "files", "uploads",
                "batches", "fine_tuning", "videos", "video", "models", "completions")) {
            if (r.contains("/" + f)) {
                return f.equals("videos") ? "video" : f;
            }
        }
        return "other";
    }

    private static Skipped skip(Distinct d, boolean includeCostly) {
        RecordedCall c = d.call();
        String method = c.method().toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("POST")) {
            return new Skipped(d, Skip.NOT_REPLAYABLE, method + " " + c.route() + " may change data on the gateway:"
                    + " never replayed");
        }
        if (d.api() == null) {
            return new Skipped(d, Skip.NOT_REPLAYABLE, notReplayable(c, method));
        }
        if (c.status() <= 0 || !RecordedCall.COMPLETE.equals(c.outcome())) {
            return new Skipped(d, Skip.NO_ANSWER, "no whole answer was recorded (" + c.outcome() + ")");
        }
        if (c.status() == 429 || c.status() >= 500) {
            return new Skipped(d, Skip.NO_ANSWER, "the recording got a transient error (HTTP " + c.status()
                    + "): there is no answer shape to compare with");
        }
        String costly = costly(c);
        if (costly != null && !includeCostly) {
            return new Skipped(d, Skip.COSTLY, costly + ": replayed only with costly calls included");
        }
        return null;
    }

    /** Why a call the replay cannot send is not sent, in words. */
    private static String notReplayable(RecordedCall c, String method) {
        String call = method + " " + c.route();
        String family = family(c.route());
        if (c.requestBodyRef() != null && method.equals("POST")) {
            return call + " sent its body as " + (c.requestBodyRef().contentType().isBlank() ? "a non-JSON body"
                    : c.requestBodyRef().contentType().split(";", 2)[0]) + " (an upload), which the recording keeps by"
                    + " reference only (its size and digest), not the body itself: there is nothing to send again"
                    + (family.equals("images") || family.equals("audio") ? "; check it with the " + family
                    + " smoke check" : "");
        }
        return switch (family) {
            case "files", "uploads", "batches", "fine_tuning" -> call + " has side effects (it stores files or starts"
                    + " jobs on the gateway): never replayed; check it with the " + family + " smoke check";
            case "video" -> call + " is a video job (create, poll, download), which this build does not replay: check"
                    + " it with the video smoke check";
            case "images", "audio" -> call + " is not one of the " + family + " calls this build replays (image"
                    + " generations, speech): check it with the " + family + " smoke check";
            case "models" -> call + " is not a model call: the models check covers it";
            default -> call + " is not a call of an endpoint the replay sends (chat completions, Responses,"
                    + " embeddings, image generations, speech, moderations) with a JSON body";
        };
    }

    /** Why a replayable call is costly, or null. */
    static String costly(RecordedCall c) {
        JsonObject body = c.requestBody().getAsJsonObject();
        RequestCheck.Api api = api(c);
        if (api == RequestCheck.Api.IMAGES) {
            JsonElement n = body.get("n");
            int images = n != null && n.isJsonPrimitive() && n.getAsJsonPrimitive().isNumber() ? n.getAsInt() : 1;
            return "it generates images (POST " + c.route() + ", " + images + " image" + (images == 1 ? "" : "s")
                    + ", billed per image)";
        }
        if (api == RequestCheck.Api.SPEECH) {
            return "it returns spoken audio (POST " + c.route() + ", billed by the audio's length)";
        }
        if (c.usage() != null && c.usage().totalTokens() != null && c.usage().totalTokens() > COSTLY_TOKENS) {
            return "it used " + c.usage().totalTokens() + " tokens (more than " + COSTLY_TOKENS + ")";
        }
        for (String bound : List.of("max_tokens", "max_completion_tokens", "max_output_tokens")) {
            JsonElement b = body.get(bound);
            if (b != null && b.isJsonPrimitive() && b.getAsJsonPrimitive().isNumber()
                    && b.getAsLong() > COSTLY_OUTPUT_BOUND) {
                return "it allows " + b.getAsLong() + " output tokens (" + bound + ")";
            }
        }
        JsonElement n = body.get("n");
        if (n != null && n.isJsonPrimitive() && n.getAsJsonPrimitive().isNumber() && n.getAsInt() > 1) {
            return "it asks for " + n.getAsInt() + " answers (n)";
        }
        if (body.has("audio") || String.valueOf(body.get("modalities")).contains("audio")) {
            return "it asks for spoken audio output";
        }
        if (body.has("background") && "true".equals(String.valueOf(body.get("background")))) {
            return "it starts a background job kept by the gateway";
        }
        return null;
    }

    /** A hex SHA-256 of a text: the sample's order. */
    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
