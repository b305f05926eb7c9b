package ai.flatkey.migrate.ui.step.endpoints;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.ui.services.ConnectionChecker;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.BackgroundTask;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Validation;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.Failures;
import ai.flatkey.migrate.wire.ModelInfo;
import ai.flatkey.migrate.wire.ModelList;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;

import java.util.Optional;

/**
 * Step 2's live connection check: {@code GET /models} on the target off the UI thread, its state and its outcome in
 * words. One check at a time: starting, resetting or cancelling drops the running one (its request is cancelled and
 * its result never shows). A successful check fills the {@link TargetCatalog} step 3 checks IDs against.
 */
final class ConnectionCheck {

    private static final String NOT_CHECKED = "Not checked yet";
    private static final String HOW = "Check connection calls GET /models on the target with the key above.";

    private final ConnectionChecker checker;
    private final TargetCatalog catalog;
    private final BackgroundTask.Slot running;

    final ReadOnlyObjectWrapper<CheckState> state = new ReadOnlyObjectWrapper<>(this, "checkState", CheckState.IDLE);
    final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "checkHeadline", NOT_CHECKED);
    final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "checkDetail", HOW);
    final BooleanBinding canStart;

    /** @param busy true while something else must finish first (the demo gateway starting) */
    ConnectionCheck(ConnectionChecker checker, TargetCatalog catalog, Background background, ObservableBooleanValue busy) {
        this.checker = checker;
        this.catalog = catalog;
        this.running = new BackgroundTask.Slot(background);
        canStart = Bind.flag(() -> state.get() != CheckState.RUNNING && !busy.get(), state, busy);
    }

    /** Checks {@code baseUrl} with the key {@code keys} names, or says at once why it cannot. */
    void start(String baseUrl, KeyEntry keys) {
        if (!canStart.get()) {
            return;
        }
        String url = baseUrl.strip();
        String urlError = url.isEmpty() ? "Enter the target's base URL first, e.g. " + Endpoint.FLATKEY_BASE_URL + "."
                : Validation.baseUrl(url);
        if (!urlError.isEmpty()) {
            fail("Base URL needs fixing", urlError);
            return;
        }
        Optional<String> key = keys.resolve();
        if (!keys.ref().isEmpty() && key.isEmpty()) {
            fail("No key", keys.missingKeyMessage());
            return;
        }
        show(CheckState.RUNNING, "Checking…", "GET " + url + "/models");
        running.start(BackgroundTask.of(cancel -> checker.listModels(url, key.orElse(null), cancel))
                .onSuccess(list -> {
                    show(CheckState.SUCCESS, connectedText(list), sample(list));
                    catalog.update(url, list.models().stream().map(ModelInfo::id).toList());
                })
                .onError(ApiException.class, api -> fail(kindLabel(api), api.getMessage() + advice(api)))
                .onError(error -> fail("Check failed", String.valueOf(error.getMessage()))));
    }

    /** Drops a running check and forgets the last outcome (the URL or key it was about changed). */
    void reset() {
        running.drop();
        show(CheckState.IDLE, NOT_CHECKED, HOW);
    }

    /** Stops a running check at once; its result, should it still arrive, is dropped. */
    void cancel() {
        if (state.get() == CheckState.RUNNING) {
            running.drop();
            show(CheckState.IDLE, "Check cancelled", "Nothing was changed.");
        }
    }

    /** Shows a failure that needed no request (or ended one). */
    void fail(String headline, String detail) {
        show(CheckState.FAILURE, headline, detail);
    }

    private void show(CheckState s, String headline, String detail) {
        state.set(s);
        this.headline.set(headline);
        this.detail.set(detail);
    }

    /** "Connected — N models (request id …, 123 ms)". */
    static String connectedText(ModelList list) {
        int n = list.models().size();
        return "Connected — " + n + (n == 1 ? " model" : " models") + " (request id "
                + (list.requestId().isBlank() ? "not sent" : list.requestId()) + ", " + list.totalMs() + " ms)";
    }

    /** What to do about a failed check, per failure kind: the words are wire's ({@link Failures#whatToDo}). */
    static String advice(ApiException e) {
        String proxy = firstNonBlank(System.getenv("HTTPS_PROXY"), System.getenv("https_proxy"));
        String what = e.kind() == null ? "" : Failures.whatToDo(e.kind(), proxy);
        return what.isEmpty() ? "" : "\nWhat to do: " + what;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }

    private static String kindLabel(ApiException e) {
        String kind = e.kind() == null ? "ERROR" : e.kind().name();
        String label = e.kind() == null ? "Check failed" : Failures.headline(e.kind());
        return label + " · " + kind + (e.status() > 0 ? " · HTTP " + e.status() : "");
    }

    private static String sample(ModelList list) {
        if (list.models().isEmpty()) {
            return "The gateway answered but lists no models.";
        }
        String ids = list.models().stream().map(ModelInfo::id).limit(6).reduce((a, b) -> a + ", " + b).orElse("");
        return "Models include " + ids + (list.models().size() > 6 ? ", …" : "") + ". Step 3 suggests target IDs from this list.";
    }
}
