package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.MediaEvidence;
import ai.flatkey.migrate.smoke.SuiteRun;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The live events of a run, buffered between UI pulses: the runner calls in on network threads, and the smoke step
 * drains the buffer once per pulse. Tokens, raw SSE lines and tool-call fragments of one check that arrive in a row
 * are joined in the buffer, so a fast stream costs one UI update per frame, not one per token.
 */
final class LiveEvents implements ai.flatkey.migrate.traffic.Replay.Listener {

    sealed interface Event permits Started, Tokens, Fragments, Raw, Media, Finished {
    }

    /** Tool-call fragments of one call in a row, joined; {@code name} from the first of them. */
    record Fragments(Check check, Integer index, String name, StringBuilder arguments) implements Event {
    }

    /** Raw SSE events of one check in a row, each in SSE syntax. */
    record Raw(Check check, List<String> events) implements Event {
    }

    record Started(Check check) implements Event {
    }

    record Tokens(Check check, StringBuilder text) implements Event {
    }

    record Finished(Check check, CheckResult result) implements Event {
    }

    /** The images and sounds of a family check, just before its {@link Finished}. */
    record Media(Check check, String requestId, List<MediaEvidence> media) implements Event {
    }

    private final Object lock = new Object();
    private final Consumer<SmokeRun> onRunFinished;
    private List<Event> pending = new ArrayList<>();
    /**
     * The text, raw and tool-call events of {@link #pending} that later ones of the same kind join, keyed by check ID
     * (and tool-call index): text and raw events of one check interleave on the wire, and without this each token
     * would be its own UI update.
     */
    private Map<String, Event> joinable = new HashMap<>();

    /** {@code onRunFinished} is called on the runner's thread once the checks ran. */
    LiveEvents(Consumer<SmokeRun> onRunFinished) {
        this.onRunFinished = onRunFinished;
    }

    /** The events since the last drain, in order; empty when there are none. */
    List<Event> drain() {
        synchronized (lock) {
            if (pending.isEmpty()) {
                return List.of();
            }
            List<Event> batch = pending;
            pending = new ArrayList<>();
            joinable = new HashMap<>();
            return batch;
        }
    }

    @Override
    public void onRunFinished(SmokeRun run) {
        onRunFinished.accept(run);
    }

    @Override
    public void onStarted(Check c) {
        synchronized (lock) {
            pending.add(new Started(c));
        }
    }

    @Override
    public void onToken(Check c, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        synchronized (lock) {
            if (joinable.get("t:" + c.id()) instanceof Tokens t) {
                t.text().append(text);
            } else {
                Tokens t = new Tokens(c, new StringBuilder(text));
                joinable.put("t:" + c.id(), t);
                pending.add(t);
            }
        }
    }

    @Override
    public void onToolCallFragment(Check c, Integer index, String name, String arguments) {
        String args = arguments == null ? "" : arguments;
        // a fragment without an index continues the latest call: joined only with its direct predecessor
        String key = "f:" + c.id() + "#" + index;
        synchronized (lock) {
            Event last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
            Event open = index == null ? last : joinable.get(key);
            if (open instanceof Fragments f && f.check().id().equals(c.id()) && java.util.Objects.equals(f.index(), index)
                    && (name == null || name.isEmpty())) {
                f.arguments().append(args);
            } else {
                Fragments f = new Fragments(c, index, name, new StringBuilder(args));
                joinable.put(key, f);
                pending.add(f);
            }
        }
    }

    @Override
    public void onRawSse(Check c, String text) {
        if (text == null) {
            return;
        }
        synchronized (lock) {
            if (joinable.get("r:" + c.id()) instanceof Raw r) {
                r.events().add(text);
            } else {
                List<String> events = new ArrayList<>();
                events.add(text);
                Raw r = new Raw(c, events);
                joinable.put("r:" + c.id(), r);
                pending.add(r);
            }
        }
    }

    @Override
    public void onMedia(Check c, String requestId, List<MediaEvidence> media) {
        synchronized (lock) {
            pending.add(new Media(c, requestId, List.copyOf(media)));
        }
    }

    @Override
    public void onFinished(Check c, CheckResult r) {
        synchronized (lock) {
            pending.add(new Finished(c, r));
        }
    }
}
