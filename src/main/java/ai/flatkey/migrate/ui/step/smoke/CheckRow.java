package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.smoke.Check;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Locale;

/** One smoke check's live state as a table row. */
public final class CheckRow {
    final String id;
    final StringProperty title = new SimpleStringProperty(this, "title", "");
    final StringProperty model = new SimpleStringProperty(this, "model", "");
    final StringProperty status = new SimpleStringProperty(this, "status", "queued");
    final StringProperty statusStyle = new SimpleStringProperty(this, "statusStyle", "text-muted");
    final StringProperty ttft = new SimpleStringProperty(this, "ttft", "");
    final StringProperty total = new SimpleStringProperty(this, "total", "");
    final StringProperty tokens = new SimpleStringProperty(this, "tokens", "");
    final StringProperty requestId = new SimpleStringProperty(this, "requestId", "");
    final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    final StringProperty curl = new SimpleStringProperty(this, "curl", "");
    final StringBuilder output = new StringBuilder();

    CheckRow(String id, String title, String model) {
        this.id = id;
        this.title.set(title);
        this.model.set(model);
    }

    static CheckRow of(Check c) {
        return new CheckRow(c.id(), c.title().isBlank() ? c.id() : c.title(), c.model());
    }

    void running() {
        status.set("running");
        statusStyle.set("text-accent");
    }

    void finished(CheckResult r) {
        status.set(r.verdict().name().toLowerCase(Locale.ROOT));
        statusStyle.set(switch (r.verdict()) {
            case PASS -> "text-success";
            case FAIL, ERROR -> "text-danger";
            case UNSUPPORTED -> "text-warning";
        });
        ttft.set(r.ttftMs() == null ? "—" : r.ttftMs() + " ms");
        total.set(r.totalMs() == null ? "—" : r.totalMs() + " ms");
        tokens.set(r.totalTokens() == null ? "—" : r.promptTokens() + " / " + r.completionTokens() + " / " + r.totalTokens());
        requestId.set(r.requestId().isBlank() ? "—" : r.requestId());
        reason.set(r.passed() ? r.reason() : (r.ruleId().isBlank() ? "" : r.ruleId() + ": ") + r.reason());
        curl.set(r.curl());
        if (output.length() == 0 && !r.output().isEmpty()) {
            output.append(r.output());
        }
    }

    void cancelled() {
        if (status.get().equals("queued") || status.get().equals("running")) {
            status.set("cancelled");
            statusStyle.set("text-muted");
        }
    }

    public String id() {
        return id;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title;
    }

    public ReadOnlyStringProperty modelProperty() {
        return model;
    }

    /** queued, running, pass, fail, unsupported, error or cancelled. */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyStringProperty statusStyleProperty() {
        return statusStyle;
    }

    public ReadOnlyStringProperty ttftProperty() {
        return ttft;
    }

    public ReadOnlyStringProperty totalProperty() {
        return total;
    }

    /** prompt / completion / total tokens. */
    public ReadOnlyStringProperty tokensProperty() {
        return tokens;
    }

    public ReadOnlyStringProperty requestIdProperty() {
        return requestId;
    }

    /** Rule and reason on failure, or the pass note. */
    public ReadOnlyStringProperty reasonProperty() {
        return reason;
    }

    /** The equivalent curl command (key as an environment variable). */
    public ReadOnlyStringProperty curlProperty() {
        return curl;
    }

    /** The text this check received so far. */
    public String output() {
        return output.toString();
    }
}
