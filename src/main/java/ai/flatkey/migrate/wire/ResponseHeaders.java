package ai.flatkey.migrate.wire;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * The response headers that matter for rate limits, reconciliation and cost, as typed values. A value that is absent
 * is null; a value that is present but unreadable is null too and listed in {@link #unparseable()}.
 *
 * @param requestId          the gateway's own request-ID header ({@code x-oneapi-request-id}) when it sent one, else
 *                           {@code x-request-id}, {@code request-id}, {@code x-litellm-call-id}, …; else empty.
 *                           Every ID header that arrived is in {@link #requestIds()}
 * @param limitRequests      {@code x-ratelimit-limit-requests}
 * @param remainingRequests  {@code x-ratelimit-remaining-requests}
 * @param resetRequests      {@code x-ratelimit-reset-requests} ({@code 12ms}, {@code 1.5s}, {@code 6m0s}, …)
 * @param limitTokens        {@code x-ratelimit-limit-tokens}
 * @param remainingTokens    {@code x-ratelimit-remaining-tokens}
 * @param resetTokens        {@code x-ratelimit-reset-tokens}
 * @param retryAfter         {@code retry-after-ms}, else {@code retry-after} (seconds or an HTTP date)
 * @param shouldRetry        {@code x-should-retry}: true / false, or null when absent
 * @param processingMs       {@code openai-processing-ms}
 * @param costUsd            {@code x-litellm-response-cost}
 * @param raw                the recognised headers as sent (name in lower case → value)
 * @param unparseable        {@code name: value} of each recognised header that could not be read
 */
public record ResponseHeaders(String requestId, Long limitRequests, Long remainingRequests, Duration resetRequests,
                              Long limitTokens, Long remainingTokens, Duration resetTokens, Duration retryAfter,
                              Boolean shouldRetry, Long processingMs, BigDecimal costUsd, Map<String, String> raw,
                              List<String> unparseable) {

    /** No headers at all. */
    public static final ResponseHeaders EMPTY = new ResponseHeaders("", null, null, null, null, null, null, null, null,
            null, null, Map.of(), List.of());

    private static final List<String> NAMES = List.of(
            "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests",
            "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens",
            "retry-after", "retry-after-ms", "x-should-retry", "x-request-id", "request-id", "x-oneapi-request-id",
            "x-upstream-request-id", "x-litellm-call-id", "cf-ray", "openai-processing-ms", "x-litellm-response-cost");
    /**
     * The request-ID headers, the gateway's own first: new-api / one-api copy the upstream's headers through (an
     * OpenAI channel's {@code x-request-id: req_…}) and add {@code X-Oneapi-Request-Id}, the ID their log records.
     */
    private static final List<String> REQUEST_ID_NAMES = List.of("x-oneapi-request-id", "x-request-id", "request-id",
            "x-litellm-call-id", "x-upstream-request-id", "cf-ray");
    /** A header line of a rendered {@link Transcript}: {@code name: value}. */
    private static final Pattern HEADER_LINE = Pattern.compile("^([A-Za-z0-9-]+): (.*)$");
    /** The top-level {@code id} of a JSON answer or stream chunk, as a transcript line shows it. */
    private static final Pattern BODY_ID = Pattern.compile("^(?:\\[\\+\\d+ ms\\] )?(?:data: )?\\{\\s*\"id\"\\s*:\\s*\"([^\"]{1,200})\"");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|h|m|s)");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    public ResponseHeaders {
        requestId = requestId == null ? "" : requestId;
        raw = raw == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(raw));
        unparseable = unparseable == null ? List.of() : List.copyOf(unparseable);
    }

    /** "requests: 59 of 60 left, full again in 1s" lines, one per kind of {@code x-ratelimit-*} header that arrived. */
    public List<String> rateLimitLines() {
        return rateLimitLines(raw);
    }

    /** The same for raw headers (name in any case → value). */
    public static List<String> rateLimitLines(Map<String, String> headers) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.putIfAbsent(k.toLowerCase(java.util.Locale.ROOT), v));
        List<String> out = new java.util.ArrayList<>();
        for (String kind : List.of("requests", "tokens")) {
            String limit = lower.get("x-ratelimit-limit-" + kind);
            String remaining = lower.get("x-ratelimit-remaining-" + kind);
            String reset = lower.get("x-ratelimit-reset-" + kind);
            if (limit == null && remaining == null) {
                continue;
            }
            out.add(kind + ": " + (remaining == null ? "?" : remaining) + " of " + (limit == null ? "?" : limit) + " left"
                    + (reset == null ? "" : ", full again in " + reset));
        }
        return out;
    }

    /** Every request-ID header that arrived (name in lower case → value), the gateway's own first. */
    public Map<String, String> requestIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String name : REQUEST_ID_NAMES) {
            String v = raw.get(name);
            if (v != null && !v.isBlank()) {
                ids.put(name, v);
            }
        }
        return Collections.unmodifiableMap(ids);
    }

    /** The request ID of OkHttp headers, by the same preference as {@link #requestId()}. */
    static String requestId(Headers headers) {
        for (String name : REQUEST_ID_NAMES) {
            String v = headers.get(name);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "";
    }

    /**
     * The request IDs a rendered {@link Transcript} holds: the ID headers of its last attempt (name → value, the
     * gateway's own first) and, under {@code id}, the answer's own ID (OpenRouter's generation ID, LiteLLM's
     * spend-log key). Empty for an empty text.
     */
    public static Map<String, String> requestIdsIn(String renderedTranscript) {
        Map<String, String> headers = new LinkedHashMap<>();
        String bodyId = null;
        if (renderedTranscript == null) {
            return Map.of();
        }
        for (String line : renderedTranscript.split("\n")) {
            if (line.startsWith("# attempt ")) {
                headers.clear();
                continue;
            }
            Matcher h = HEADER_LINE.matcher(line);
            if (h.matches()) {
                String name = h.group(1).toLowerCase(Locale.ROOT);
                if (REQUEST_ID_NAMES.contains(name) && !h.group(2).isBlank()) {
                    headers.putIfAbsent(name, h.group(2).strip());
                }
                continue;
            }
            Matcher b = BODY_ID.matcher(line);
            if (bodyId == null && b.find()) {
                bodyId = b.group(1);
            }
        }
        Map<String, String> ids = new LinkedHashMap<>();
        for (String name : REQUEST_ID_NAMES) {
            if (headers.containsKey(name)) {
                ids.put(name, headers.get(name));
            }
        }
        if (bodyId != null) {
            ids.putIfAbsent("id", bodyId);
        }
        return Collections.unmodifiableMap(ids);
    }

    /** Whether any {@code x-ratelimit-*} header arrived. */
    public boolean hasRateLimits() {
        return raw.keySet().stream().anyMatch(k -> k.startsWith("x-ratelimit-"));
    }

    /**
     * Reads the headers.
     *
     * @param headers header name (any case) → value
     * @param now     the moment the response arrived (for a {@code retry-after} HTTP date and epoch resets)
     */
    public static ResponseHeaders of(Map<String, String> headers, Instant now) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (k != null && v != null) {
                lower.putIfAbsent(k.toLowerCase(Locale.ROOT), v.strip());
            }
        });
        Map<String, String> raw = new LinkedHashMap<>();
        for (String name : NAMES) {
            if (lower.containsKey(name)) {
                raw.put(name, lower.get(name));
            }
        }
        List<String> bad = new ArrayList<>();
        String requestId = "";
        for (String name : REQUEST_ID_NAMES) {
            String v = raw.get(name);
            if (v != null && !v.isBlank()) {
                requestId = v;
                break;
            }
        }
        Duration retryAfter = null;
        if (raw.containsKey("retry-after-ms")) {
            Double ms = number(raw, "retry-after-ms", bad);
            retryAfter = ms == null ? null : Duration.ofNanos((long) (ms * 1_000_000));
        }
        if (retryAfter == null && raw.containsKey("retry-after")) {
            retryAfter = retryAfter(raw.get("retry-after"), now);
            if (retryAfter == null) {
                bad.add("retry-after: " + raw.get("retry-after"));
            }
        }
        Boolean shouldRetry = null;
        if (raw.containsKey("x-should-retry")) {
            String v = raw.get("x-should-retry").toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                shouldRetry = v.equals("true");
            } else {
                bad.add("x-should-retry: " + raw.get("x-should-retry"));
            }
        }
        Double processing = number(raw, "openai-processing-ms", bad);
        BigDecimal cost = null;
        if (raw.containsKey("x-litellm-response-cost")) {
            try {
                cost = new BigDecimal(raw.get("x-litellm-response-cost"));
            } catch (NumberFormatException e) {
                bad.add("x-litellm-response-cost: " + raw.get("x-litellm-response-cost"));
            }
        }
        return new ResponseHeaders(requestId, count(raw, "x-ratelimit-limit-requests", bad),
                count(raw, "x-ratelimit-remaining-requests", bad), reset(raw, "x-ratelimit-reset-requests", now, bad),
                count(raw, "x-ratelimit-limit-tokens", bad), count(raw, "x-ratelimit-remaining-tokens", bad),
                reset(raw, "x-ratelimit-reset-tokens", now, bad), retryAfter, shouldRetry,
                processing == null ? null : Math.round(processing), cost, raw, bad);
    }

    static ResponseHeaders of(Headers headers, Instant now) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            map.putIfAbsent(headers.name(i), headers.value(i));
        }
        return of(map, now);
    }

    /**
     * A Go-style duration as rate-limit headers send it: {@code 12ms}, {@code 1.5s}, {@code 6m0s}, {@code 1h2m3s},
     * {@code 250us}, {@code 0s}; null when the text is not one.
     */
    public static Duration parseDuration(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        Matcher m = DURATION_PART.matcher(t);
        int at = 0;
        double nanos = 0;
        while (m.find() && m.start() == at) {
            double v = Double.parseDouble(m.group(1));
            nanos += v * switch (m.group(2)) {
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                default -> 1;
            };
            at = m.end();
        }
        return at == t.length() && at > 0 ? Duration.ofNanos(Math.round(nanos)) : null;
    }

    /** {@code retry-after}: delay seconds (decimals tolerated) or an HTTP date; null when neither. */
    static Duration retryAfter(String value, Instant now) {
        String v = value.strip();
        if (NUMBER.matcher(v).matches()) {
            return Duration.ofNanos((long) (Double.parseDouble(v) * 1e9));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration reset(Map<String, String> raw, String name, Instant now, List<String> bad) {
        String v = raw.get(name);
        if (v == null) {
            return null;
        }
        Duration d = parseDuration(v);
        if (d == null && NUMBER.matcher(v).matches()) {
            double n = Double.parseDouble(v);
            // A bare number: seconds, or (some gateways) the reset moment as Unix epoch seconds.
            d = n >= 1_000_000_000 ? Duration.between(now, Instant.ofEpochMilli((long) (n * 1000)))
                    : Duration.ofNanos((long) (n * 1e9));
            d = d.isNegative() ? Duration.ZERO : d;
        }
        if (d == null) {
            bad.add(name + ": " + v);
        }
        return d;
    }

    private static Long count(Map<String, String> raw, String name, List<String> bad) {
        String v = raw.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            bad.add(name + ": " + v);
            return null;
        }
    }

    private static Double number(Map<String, String> raw, String name, List<String> bad) {
        String v = raw.get(name);
        if (v == null) {
            return null;
        }
        if (NUMBER.matcher(v).matches()) {
            return Double.parseDouble(v);
        }
        bad.add(name + ": " + v);
        return null;
    }
}
