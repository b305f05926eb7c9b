package ai.flatkey.migrate.demo;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failures a request asks the demo gateway to show, from the {@code x-demo-fault} header and from a fault
 * model ID. Grammar of the header: one or more faults separated by commas, each one of
 * <pre>
 * latency=&lt;n&gt;ms | latency=&lt;n&gt;s   wait before answering (at most 60 s)
 * 429                            429 rate_limit_exceeded with retry-after: 1 and retry-after-ms: 1000
 * 500                            500 server_error (JSON)
 * 502-html                       502 with a proxy's HTML error page
 * 400-text                       400 with a plain-text body, no OpenAI error object (what a proxy in front of a
 *                                gateway may answer)
 * html-200                       200 with an HTML page (what a base URL without /v1 often gets)
 * truncate                       a stream stops halfway, cleanly, without finish_reason or [DONE];
 *                                a plain answer stops halfway through its JSON
 * no-done                        a complete stream without the final data: [DONE]
 * drip | drip=&lt;n&gt;ms             events 120 ms (or n ms) apart, each written in three separate fragments
 * drop                           the connection is cut halfway (the declared length is never reached)
 * keepalive                      a ": keep-alive" comment line before every event
 * crlf                           CRLF line ends in the stream
 * midstream-error                halfway, an {"error":{...}} event, then the stream ends
 * empty-first-choices            a first chunk with "choices": [] (content-filter results)
 * no-usage                       no usage in answers, even with stream_options.include_usage
 * tool-index-missing             streamed tool-call fragments without "index"
 * ledger-mismatch                the answer is normal, but the usage log records 7 more completion tokens
 *                                (and charges for them) than the answer reported
 * image-url | image-broken | audio-wrong-format | audio-empty | audio-broken | moderation-broken |
 * video-stuck | video-fails | video-bad-status | video-broken
 *                                the endpoint families' faults (see {@link MediaFault}); their fault models
 *                                ({@code demo-image-url}, …) are in {@link MediaFault#MODELS}
 * </pre>
 *
 * @param latencyMillis     delay before answering
 * @param answer            an error or HTML answer instead of the real one, if any
 * @param truncate          see above
 * @param noDone            see above
 * @param dripMillis        0, or the gap between dripped events
 * @param drop              see above
 * @param keepAlive         see above
 * @param crlf              see above
 * @param midstreamError    see above
 * @param emptyFirstChoices see above
 * @param noUsage           see above
 * @param toolIndexMissing  see above
 * @param ledgerMismatch    see above
 */
record Faults(long latencyMillis, Answer answer, boolean truncate, boolean noDone, long dripMillis, boolean drop,
              boolean keepAlive, boolean crlf, boolean midstreamError, boolean emptyFirstChoices, boolean noUsage,
              boolean toolIndexMissing, boolean ledgerMismatch, Set<MediaFault> media) {

    Faults {
        media = media == null || media.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(media));
    }

    /** Faults of chat, Responses and embeddings only (no {@link MediaFault}). */
    Faults(long latencyMillis, Answer answer, boolean truncate, boolean noDone, long dripMillis, boolean drop,
           boolean keepAlive, boolean crlf, boolean midstreamError, boolean emptyFirstChoices, boolean noUsage,
           boolean toolIndexMissing, boolean ledgerMismatch) {
        this(latencyMillis, answer, truncate, noDone, dripMillis, drop, keepAlive, crlf, midstreamError,
                emptyFirstChoices, noUsage, toolIndexMissing, ledgerMismatch, Set.of());
    }

    /** Whether the endpoint-family fault {@code f} was asked for. */
    boolean has(MediaFault f) {
        return media.contains(f);
    }

    /** Tokens the ledger logs on top of what a {@code ledger-mismatch} answer returned. */
    static final int LEDGER_MISMATCH_EXTRA_TOKENS = 7;

    /** An answer that replaces the real one. */
    enum Answer { NONE, RATE_LIMIT_429, SERVER_ERROR_500, BAD_GATEWAY_HTML_502, HTML_200, BAD_REQUEST_TEXT_400 }

    static final String HEADER = "x-demo-fault";
    static final Faults NONE = new Faults(0, Answer.NONE, false, false, 0, false, false, false, false, false, false,
            false, false);
    static final long DEFAULT_DRIP_MILLIS = 120;
    private static final long MAX_LATENCY_MILLIS = 60_000;
    private static final Pattern TIMED = Pattern.compile("(latency|drip)=(\\d{1,6})(ms|s)");

    /** Model IDs that always fail in one way, with the fault each one shows (header grammar). */
    static final Map<String, String> MODELS = faultModels();

    private static Map<String, String> faultModels() {
        Map<String, String> models = new LinkedHashMap<>();
        models.put("demo-slow", "latency=1500ms");
        models.put("demo-429", "429");
        models.put("demo-500", "500");
        models.put("demo-502", "502-html");
        models.put("demo-html", "html-200");
        models.put("demo-400-text", "400-text");
        models.put("demo-truncate", "truncate");
        models.put("demo-no-done", "no-done");
        models.put("demo-drip", "drip");
        models.put("demo-drop", "drop");
        models.put("demo-keepalive", "keepalive");
        models.put("demo-midstream-error", "midstream-error");
        models.put("demo-empty-first-choices", "empty-first-choices");
        models.put("demo-no-usage", "no-usage");
        models.put("demo-tool-index-missing", "tool-index-missing");
        models.put("demo-ledger-mismatch", "ledger-mismatch");
        return Collections.unmodifiableMap(models);
    }

    /** The valid fault names, for error messages. */
    static final List<String> NAMES = List.of("latency=<n>ms", "429", "500", "502-html", "html-200", "400-text", "truncate",
            "no-done", "drip", "drop", "keepalive", "crlf", "midstream-error", "empty-first-choices", "no-usage",
            "tool-index-missing", "ledger-mismatch", "image-url", "image-broken", "audio-wrong-format", "audio-empty",
            "audio-broken", "moderation-broken", "video-stuck", "video-fails", "video-bad-status", "video-broken");

    /** Parses a header value; a blank value means no fault. */
    static Faults parse(String header) throws Rejection {
        Faults faults = NONE;
        if (header == null || header.isBlank()) {
            return faults;
        }
        for (String raw : header.split("[,|]")) {
            String token = raw.strip().toLowerCase(Locale.ROOT);
            if (token.isEmpty()) {
                continue;
            }
            faults = faults.merge(one(token).orElseThrow(() -> new Rejection(ApiError.invalidRequest(400,
                    "Unknown demo fault '" + raw.strip() + "' in the " + HEADER + " header. Known faults: "
                            + String.join(", ", NAMES) + " (several may be given, separated by commas).",
                    HEADER, "invalid_fault"))));
        }
        return faults;
    }

    /** The faults of a fault model, or none for any other model. */
    static Faults forModel(String modelId) {
        MediaFault media = MediaFault.MODELS.get(modelId);
        if (media != null) {
            return NONE.withMedia(media);
        }
        String spec = MODELS.get(modelId);
        if (spec == null) {
            return NONE;
        }
        try {
            return parse(spec);
        } catch (Rejection e) {
            throw new IllegalStateException("bad built-in fault spec " + spec, e);
        }
    }

    private static Optional<Faults> one(String token) {
        Matcher timed = TIMED.matcher(token);
        if (timed.matches()) {
            long millis = Long.parseLong(timed.group(2)) * (timed.group(3).equals("s") ? 1000 : 1);
            if (millis > MAX_LATENCY_MILLIS) {
                return Optional.empty();
            }
            return Optional.of(timed.group(1).equals("latency") ? NONE.withLatency(millis) : NONE.withDrip(millis));
        }
        Faults f = NONE;
        Optional<MediaFault> media = MediaFault.of(token);
        if (media.isPresent()) {
            return Optional.of(f.withMedia(media.get()));
        }
        return Optional.ofNullable(switch (token) {
            case "429" -> f.withAnswer(Answer.RATE_LIMIT_429);
            case "500" -> f.withAnswer(Answer.SERVER_ERROR_500);
            case "502-html" -> f.withAnswer(Answer.BAD_GATEWAY_HTML_502);
            case "html-200" -> f.withAnswer(Answer.HTML_200);
            case "400-text" -> f.withAnswer(Answer.BAD_REQUEST_TEXT_400);
            case "truncate" -> new Faults(0, Answer.NONE, true, false, 0, false, false, false, false, false, false,
                    false, false);
            case "no-done" -> new Faults(0, Answer.NONE, false, true, 0, false, false, false, false, false, false,
                    false, false);
            case "drip" -> f.withDrip(DEFAULT_DRIP_MILLIS);
            case "drop" -> new Faults(0, Answer.NONE, false, false, 0, true, false, false, false, false, false,
                    false, false);
            case "keepalive" -> new Faults(0, Answer.NONE, false, false, 0, false, true, false, false, false, false,
                    false, false);
            case "crlf" -> new Faults(0, Answer.NONE, false, false, 0, false, false, true, false, false, false,
                    false, false);
            case "midstream-error" -> new Faults(0, Answer.NONE, false, false, 0, false, false, false, true, false,
                    false, false, false);
            case "empty-first-choices" -> new Faults(0, Answer.NONE, false, false, 0, false, false, false, false,
                    true, false, false, false);
            case "no-usage" -> new Faults(0, Answer.NONE, false, false, 0, false, false, false, false, false, true,
                    false, false);
            case "tool-index-missing" -> new Faults(0, Answer.NONE, false, false, 0, false, false, false, false,
                    false, false, true, false);
            case "ledger-mismatch" -> new Faults(0, Answer.NONE, false, false, 0, false, false, false, false,
                    false, false, false, true);
            default -> null;
        });
    }

    private Faults withMedia(MediaFault fault) {
        Set<MediaFault> both = EnumSet.noneOf(MediaFault.class);
        both.addAll(media);
        both.add(fault);
        return new Faults(latencyMillis, answer, truncate, noDone, dripMillis, drop, keepAlive, crlf, midstreamError,
                emptyFirstChoices, noUsage, toolIndexMissing, ledgerMismatch, both);
    }

    private Faults withLatency(long millis) {
        return new Faults(millis, answer, truncate, noDone, dripMillis, drop, keepAlive, crlf, midstreamError,
                emptyFirstChoices, noUsage, toolIndexMissing, ledgerMismatch, media);
    }

    private Faults withDrip(long millis) {
        return new Faults(latencyMillis, answer, truncate, noDone, millis, drop, keepAlive, crlf, midstreamError,
                emptyFirstChoices, noUsage, toolIndexMissing, ledgerMismatch, media);
    }

    private Faults withAnswer(Answer replacement) {
        return new Faults(latencyMillis, replacement, truncate, noDone, dripMillis, drop, keepAlive, crlf,
                midstreamError, emptyFirstChoices, noUsage, toolIndexMissing, ledgerMismatch, media);
    }

    /** Both sets of faults; the larger latency and drip, and {@code other}'s answer when it has one. */
    Faults merge(Faults other) {
        return new Faults(Math.max(latencyMillis, other.latencyMillis),
                other.answer != Answer.NONE ? other.answer : answer,
                truncate || other.truncate, noDone || other.noDone, Math.max(dripMillis, other.dripMillis),
                drop || other.drop, keepAlive || other.keepAlive, crlf || other.crlf,
                midstreamError || other.midstreamError, emptyFirstChoices || other.emptyFirstChoices,
                noUsage || other.noUsage, toolIndexMissing || other.toolIndexMissing,
                ledgerMismatch || other.ledgerMismatch, union(media, other.media));
    }

    private static Set<MediaFault> union(Set<MediaFault> a, Set<MediaFault> b) {
        if (b.isEmpty()) {
            return a;
        }
        Set<MediaFault> both = EnumSet.noneOf(MediaFault.class);
        both.addAll(a);
        both.addAll(b);
        return both;
    }

    /** Whether the answer stops halfway (truncate, drop or a mid-stream error). */
    boolean stopsHalfway() {
        return truncate || drop || midstreamError;
    }
}
