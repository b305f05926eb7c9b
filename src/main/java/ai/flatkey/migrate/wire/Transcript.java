package ai.flatkey.migrate.wire;

import java.util.List;
import java.util.Locale;

/**
 * Everything one exchange sent and received, with every secret redacted: the request, each attempt (retries
 * included) with its status and response headers, every raw stream event with its arrival time, the response body
 * of a non-streamed answer, and the parsed outcome or the classified error. {@code Authorization} is never recorded.
 *
 * @param method       {@code GET} / {@code POST}
 * @param url          the full URL (redacted)
 * @param requestBody  the JSON body sent (redacted), or empty
 * @param attempts     one per HTTP attempt, in order
 * @param events       every SSE event of the last attempt, in arrival order (empty when not streamed)
 * @param responseBody the body of the last attempt as text (redacted, at most {@value #MAX_BODY_CHARS} characters),
 *                     or empty for streams
 * @param outcome      one line: what was parsed, or the error's kind and message
 * @param errorKind    the classified failure, or null on success
 * @param timing       the last attempt's timing, or null when no attempt got an answer
 */
public record Transcript(String method, String url, String requestBody, List<Attempt> attempts,
                         List<RawEvent> events, String responseBody, String outcome, FailureKind errorKind,
                         Timing timing) {
    /** Longest response body text kept. */
    public static final int MAX_BODY_CHARS = 64 * 1024;

    public Transcript {
        attempts = List.copyOf(attempts);
        events = List.copyOf(events);
    }

    /**
     * One HTTP attempt.
     *
     * @param number       1 for the first, 2 for the first retry, …
     * @param startMs      when it started, ms after the first attempt started
     * @param status       HTTP status, or 0 when no answer arrived
     * @param headers      response headers (values redacted; none when no answer)
     * @param outcome      {@code ok}, or the failure's kind and message
     * @param retryDelayMs the wait before the next attempt, or -1 when there was none
     * @param retryNote    why it was (or was not) retried; empty when there was nothing to decide
     */
    public record Attempt(int number, long startMs, int status, List<Header> headers, String outcome,
                          long retryDelayMs, String retryNote) {
        public Attempt {
            headers = List.copyOf(headers);
        }
    }

    /** One response header, value redacted. */
    public record Header(String name, String value) {
    }

    /**
     * One raw server-sent event.
     *
     * @param atMs  arrival, ms since the request was sent
     * @param event the {@code event:} name, or empty
     * @param data  the {@code data:} text (lines joined by newline), redacted
     */
    public record RawEvent(long atMs, String event, String data) {
    }

    /** Whether the exchange failed. */
    public boolean failed() {
        return errorKind != null;
    }

    /** A plain-text rendering for logs, exports and bug reports. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(url).append('\n');
        if (!requestBody.isEmpty()) {
            sb.append(requestBody).append('\n');
        }
        for (Attempt a : attempts) {
            sb.append("\n# attempt ").append(a.number()).append(" at +").append(a.startMs()).append(" ms: ")
                    .append(a.status() == 0 ? "no answer" : "HTTP " + a.status()).append(" — ").append(a.outcome())
                    .append('\n');
            for (Header h : a.headers()) {
                sb.append(h.name()).append(": ").append(h.value()).append('\n');
            }
            if (a.retryDelayMs() >= 0) {
                sb.append("# retry in ").append(a.retryDelayMs()).append(" ms");
                sb.append(a.retryNote().isEmpty() ? "" : " (" + a.retryNote() + ")").append('\n');
            } else if (!a.retryNote().isEmpty()) {
                sb.append("# not retried: ").append(a.retryNote()).append('\n');
            }
        }
        if (!events.isEmpty()) {
            sb.append('\n');
            for (RawEvent e : events) {
                sb.append(String.format(Locale.ROOT, "[+%d ms] ", e.atMs()));
                if (!e.event().isEmpty()) {
                    sb.append("event: ").append(e.event()).append(' ');
                }
                sb.append("data: ").append(e.data().replace("\n", "\ndata: ")).append('\n');
            }
        }
        if (!responseBody.isEmpty()) {
            sb.append('\n').append(responseBody).append('\n');
        }
        sb.append("\n=> ").append(outcome).append('\n');
        if (timing != null) {
            sb.append(String.format(Locale.ROOT, "timing: connect %s, ttfb %d ms, ttft %s, total %d ms%s%n",
                    timing.connectMs() == null ? "reused" : timing.connectMs() + " ms", timing.ttfbMs(),
                    timing.ttftMs() == null ? "-" : timing.ttftMs() + " ms", timing.totalMs(),
                    timing.gapsMs().isEmpty() ? "" : ", gap p50 " + timing.gapP50Ms() + " ms, max "
                            + timing.gapMaxMs() + " ms"));
        }
        return sb.toString();
    }
}
