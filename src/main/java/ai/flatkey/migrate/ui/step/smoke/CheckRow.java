package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.RepeatStats;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.usage.PriceTable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Locale;

/** One smoke check's live state as a table row (or, with {@link #isGroup()}, the header of a model/side group). */
public final class CheckRow {
    final String id;
    final String feature;
    final boolean source;
    private static final String TARGET = "Target";
    private static final String REQUEST_PREFIX = "request:";
    /** What the other side is called in its group header: the current provider, or a replay's recording. */
    private String sourceSide = "Current";
    final boolean group;
    final StringProperty title = new SimpleStringProperty(this, "title", "");
    final StringProperty model = new SimpleStringProperty(this, "model", "");
    final StringProperty status = new SimpleStringProperty(this, "status", "queued");
    final ObjectProperty<Tone> statusTone = new SimpleObjectProperty<>(this, "statusTone", Tone.MUTED);
    final StringProperty ttft = new SimpleStringProperty(this, "ttft", "");
    final StringProperty total = new SimpleStringProperty(this, "total", "");
    final StringProperty tokens = new SimpleStringProperty(this, "tokens", "");
    final StringProperty tps = new SimpleStringProperty(this, "tps", "");
    final StringProperty cost = new SimpleStringProperty(this, "cost", "");
    final StringProperty requestId = new SimpleStringProperty(this, "requestId", "");
    final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    final StringProperty ruleId = new SimpleStringProperty(this, "ruleId", "");
    final StringProperty evidence = new SimpleStringProperty(this, "evidence", "");
    final StringProperty curl = new SimpleStringProperty(this, "curl", "");
    final StringBuilder output = new StringBuilder();
    /** Streamed tool calls so far, per index. */
    final ToolCallsLive toolCalls = new ToolCallsLive();
    /** The raw SSE lines of this check's streams, the latest {@link RawTail#MAX_LINES}. */
    final RawTail raw = new RawTail();
    CheckResult result;
    /** A request check's assertion outcomes, once it finished (empty for a built-in check). */
    final javafx.collections.ObservableList<AssertionLine> assertions = javafx.collections.FXCollections.observableArrayList();

    CheckRow(String id, String feature, String title, String model, boolean source) {
        this(id, feature, title, model, source, false);
    }

    private CheckRow(String id, String feature, String title, String model, boolean source, boolean group) {
        this.id = id;
        this.feature = feature;
        this.source = source;
        this.group = group;
        this.title.set(title);
        this.model.set(model);
        if (group) {
            status.set("");
            statusTone.set(Tone.NEUTRAL);
        }
    }

    static CheckRow of(Check c) {
        return new CheckRow(c.id(), c.feature(), c.title().isBlank() ? c.id() : c.title(), c.model(), c.source());
    }

    static CheckRow of(CheckResult r, boolean source) {
        return new CheckRow(r.checkId(), r.feature(), title(r), r.model(), source);
    }

    /** A group header: the side ("Target" / "Current") as its status, the model (or "Endpoint checks") as its title. */
    static CheckRow group(String key, String side, String title) {
        CheckRow g = new CheckRow("group:" + key, "", title, "", !TARGET.equals(side), true);
        g.status.set(side);
        return g;
    }

    private static String title(CheckResult r) {
        return switch (r.feature()) {
            case "models" -> "Model catalog";
            case "chat" -> "Chat completion";
            case "streaming" -> "Streaming chat";
            case "auth" -> "Invalid key gets 401";
            case "unknown-model" -> "Unknown model refused";
            default -> requestTitle(r);
        };
    }

    /** A request check's title as its live row shows it ("Request: NAME"), from its ID {@code request:NAME[:MODEL]}. */
    private static String requestTitle(CheckResult r) {
        String id = r.checkId();
        if (!id.startsWith(REQUEST_PREFIX)) {
            return id;
        }
        String name = id.substring(REQUEST_PREFIX.length());
        String suffix = ":" + r.model();
        return "Request: " + (!r.model().isEmpty() && name.endsWith(suffix)
                ? name.substring(0, name.length() - suffix.length()) : name);
    }

    /** The group this row belongs under: side and model (endpoint-level checks have their own group). */
    String groupKey() {
        return (source ? "source" : "target") + "|" + model.get();
    }

    String groupSide() {
        return source ? sourceSide : TARGET;
    }

    /** A row of a replay's other side: the recorded answer, not the current provider's. */
    CheckRow recorded() {
        sourceSide = "Recorded";
        return this;
    }

    String groupTitle() {
        return model.get().isBlank() ? "Endpoint" : model.get();
    }

    /** Listed before any run: what Run all would send. */
    void notRun() {
        statusTone.set(Tone.MUTED);
        status.set("not run");
    }

    void running() {
        statusTone.set(Tone.ACCENT);
        status.set("running");
    }

    void finished(CheckResult r, PriceTable prices) {
        result = r;
        assertions.setAll(AssertionLine.of(r));
        statusTone.set(switch (r.verdict()) {
            case PASS -> Tone.SUCCESS;
            case FAIL, ERROR -> Tone.DANGER;
            case UNSUPPORTED -> Tone.WARNING;
        });
        status.set(r.verdict().name().toLowerCase(Locale.ROOT));
        RepeatStats s = r.stats();
        if (s != null && s.samples() > 1) {
            ttft.set(s.ttftP50Ms() == null ? "—" : s.ttftP50Ms() + " / " + s.ttftP95Ms() + " ms");
            total.set(s.totalP50Ms() == null ? "—" : s.totalP50Ms() + " / " + s.totalP95Ms() + " ms (" + s.passed() + "/" + s.samples() + ")");
        } else {
            ttft.set(r.ttftMs() == null ? "—" : r.ttftMs() + " ms");
            total.set(r.totalMs() == null ? "—" : r.totalMs() + " ms");
        }
        tokens.set(r.totalTokens() == null ? "—" : r.totalTokens() + " (" + r.promptTokens() + "+" + r.completionTokens() + ")");
        tps.set(Metrics.tokensPerSecond(r).map(v -> String.format(Locale.ROOT, "%.0f/s", v)).orElse("—"));
        Double c = prices == null ? null : prices.cost(r.model(), r.promptTokens(), r.completionTokens());
        cost.set(c == null ? "—" : String.format(Locale.ROOT, "$%.6f", c));
        requestId.set(r.requestId().isBlank() ? "—" : r.requestId());
        ruleId.set(r.ruleId());
        String rules = String.join(", ", r.decidingRuleIds());
        reason.set(r.passed() ? r.reason() : (rules.isEmpty() ? "" : rules + ": ") + r.reason());
        evidence.set(Metrics.evidence(r));
        curl.set(r.curl());
        if (output.length() == 0 && !r.output().isEmpty()) {
            output.append(r.output());
        }
    }

    void cancelled() {
        if (status.get().equals("queued") || status.get().equals("running")) {
            statusTone.set(Tone.MUTED);
            status.set("cancelled");
        }
    }

    public String id() {
        return id;
    }

    /** Whether this row is a group header rather than a check. */
    public boolean isGroup() {
        return group;
    }

    /** Whether the check ran against the current provider (compare mode). */
    public boolean isSource() {
        return source;
    }

    public String feature() {
        return feature;
    }

    /** A request check's assertion outcomes (held / failed / could not be checked, rule, evidence) once finished. */
    public javafx.collections.ObservableList<AssertionLine> assertions() {
        return assertions;
    }

    /** The stored result once finished, else null. */
    public CheckResult result() {
        return result;
    }

    /**
     * The check's status, every figure it has and its whole reason, for the detail beside the table (which may hide
     * figures in a narrow window and ends a long reason in "…"): "pass · TTFT 45 ms · latency 1423 ms · 41 tok/s ·
     * tokens 73 (17+56) · cost $0.000582" and the reason on a second line.
     */
    public String figuresLine() {
        StringBuilder sb = new StringBuilder(status.get());
        String[][] parts = {{"TTFT ", ttft.get()}, {"latency ", total.get()}, {"", tps.get().replace("/s", " tok/s")},
                {"tokens ", tokens.get()}, {"cost ", cost.get()}};
        for (String[] p : parts) {
            if (!p[1].isEmpty() && !p[1].equals("—")) {
                sb.append(" · ").append(p[0]).append(p[1]);
            }
        }
        if (!reason.get().isBlank()) {
            sb.append('\n').append(reason.get());
        }
        return sb.toString();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title;
    }

    public ReadOnlyStringProperty modelProperty() {
        return model;
    }

    /** not run, queued, running, pass, fail, unsupported, error or cancelled ("" for a group header). */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /**
     * How the status reads: muted before a run and when cancelled, accent while running, then the verdict's tone
     * ({@link Tone#NEUTRAL} for a group header, which the view styles from {@link #isGroup()}).
     */
    public ReadOnlyObjectProperty<Tone> statusToneProperty() {
        return statusTone;
    }

    public ReadOnlyStringProperty ttftProperty() {
        return ttft;
    }

    public ReadOnlyStringProperty totalProperty() {
        return total;
    }

    /** total (prompt+completion) tokens. */
    public ReadOnlyStringProperty tokensProperty() {
        return tokens;
    }

    /** Completion tokens per second after the first token. */
    public ReadOnlyStringProperty tpsProperty() {
        return tps;
    }

    /** The estimated cost of the request from the price table, or a dash without a price. */
    public ReadOnlyStringProperty costProperty() {
        return cost;
    }

    public ReadOnlyStringProperty requestIdProperty() {
        return requestId;
    }

    /** Rule and reason on failure, or the pass note. */
    public ReadOnlyStringProperty reasonProperty() {
        return reason;
    }

    /** The conformance rule that failed (CONFORMANCE.md), or empty. */
    public ReadOnlyStringProperty ruleIdProperty() {
        return ruleId;
    }

    /** What the check saw: verdict, rule, reason, request ID, and the exchange where kept. */
    public ReadOnlyStringProperty evidenceProperty() {
        return evidence;
    }

    /** The equivalent curl command (key as an environment variable). */
    public ReadOnlyStringProperty curlProperty() {
        return curl;
    }

    /** The text this check received so far. */
    public String output() {
        return output.toString();
    }

    /** One line per streamed tool call so far ({@code tool call #INDEX · NAME · ARGUMENTS}), in order of arrival. */
    public java.util.List<String> toolCallLines() {
        return toolCalls.calls().stream().map(ToolCallsLive.Call::line).toList();
    }

    /** The raw SSE lines kept for this check (the latest {@link RawTail#MAX_LINES}). */
    public java.util.List<String> rawLines() {
        return raw.lines();
    }
}
