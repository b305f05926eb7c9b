package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.traffic.ProxyListener;
import ai.flatkey.migrate.traffic.RecordedCall;
import ai.flatkey.migrate.traffic.ShadowResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The recording proxy's live events, buffered between UI pulses: the proxy calls in on its own threads, the
 * Inventory step drains the buffer once per pulse, so a burst of calls costs one table update per frame.
 */
final class LiveCalls implements ProxyListener {
    /** Rows kept in the live table; older ones leave it (the recording file keeps every call). */
    static final int MAX_ROWS = 500;

    private final Object lock = new Object();
    private List<CallRow> pending = new ArrayList<>();
    private List<ShadowResult> shadowed = new ArrayList<>();

    @Override
    public void started(int seq, String method, String route, String model) {
        synchronized (lock) {
            pending.add(CallRow.started(seq, method, route, model));
        }
    }

    @Override
    public void finished(RecordedCall call) {
        synchronized (lock) {
            pending.add(CallRow.finished(call));
        }
    }

    @Override
    public void shadowed(ShadowResult result) {
        synchronized (lock) {
            shadowed.add(result);
        }
    }

    /** {@code rows} with the buffered rows applied (a finished call replaces its in-flight row); null when none came. */
    List<CallRow> drain(List<CallRow> rows) {
        List<CallRow> batch;
        synchronized (lock) {
            if (pending.isEmpty()) {
                return null;
            }
            batch = pending;
            pending = new ArrayList<>();
        }
        List<CallRow> next = new ArrayList<>(rows);
        for (CallRow r : batch) {
            int at = indexOf(next, r.seq());
            if (at >= 0) {
                next.set(at, next.get(at).shadow().isEmpty() ? r : new CallRow(r.seq(), r.endpoint(), r.model(),
                        r.status(), r.tokens(), r.time(), r.ok(), next.get(at).shadow()));
            } else {
                next.add(r);
            }
        }
        if (next.size() > MAX_ROWS) {
            next = new ArrayList<>(next.subList(next.size() - MAX_ROWS, next.size()));
        }
        return next;
    }

    /** The shadow comparisons since the last call, in order. */
    List<ShadowResult> drainShadowed() {
        synchronized (lock) {
            if (shadowed.isEmpty()) {
                return List.of();
            }
            List<ShadowResult> out = shadowed;
            shadowed = new ArrayList<>();
            return out;
        }
    }

    /** {@code rows} with each comparison shown on its call's row (a call no longer listed is left out). */
    static List<CallRow> withShadows(List<CallRow> rows, List<ShadowResult> results) {
        List<CallRow> next = new ArrayList<>(rows);
        for (ShadowResult r : results) {
            int at = indexOf(next, r.seq());
            if (at >= 0) {
                next.set(at, next.get(at).withShadow(r));
            }
        }
        return next;
    }

    private static int indexOf(List<CallRow> rows, int seq) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).seq() == seq) {
                return i;
            }
        }
        return -1;
    }
}
