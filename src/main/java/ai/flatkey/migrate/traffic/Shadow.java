package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.Relay;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;

/**
 * Shadow mode: after the app has its answer, a sample of its calls is mirrored to the target gateway in the
 * background — the model mapped, the target's own key in place of the app's — and the target's answer is compared by
 * structure with the app's ({@link CallShape}). The app's call is never delayed or changed: {@link #offer} only puts
 * a job on a bounded queue (a full queue drops the mirror and counts it), and mirrors run on their own threads.
 */
public final class Shadow implements AutoCloseable {
    /**
     * @param sampleRate share of calls mirrored, 0..1
     * @param queueSize  mirrors waiting at most; more are dropped
     * @param workers    mirrors in flight at once
     */
    public record Options(double sampleRate, int queueSize, int workers) {
        public Options {
            if (!(sampleRate >= 0 && sampleRate <= 1)) {
                throw new IllegalArgumentException("the sample rate is a share between 0 and 1, was " + sampleRate);
            }
            queueSize = queueSize <= 0 ? 256 : queueSize;
            workers = workers <= 0 ? 4 : workers;
        }
    }

    private record Job(Relay.Outgoing request, RecordedCall app) {
    }

    private static final Job STOP = new Job(null, null);
    /** The app's credentials and session headers: never sent to the target. */
    private static final java.util.Set<String> NOT_MIRRORED = java.util.Set.of("authorization", "api-key",
            "x-api-key", "cookie", "openai-organization", "openai-project");

    private final Relay target;
    private final String targetKey;
    private final UnaryOperator<String> modelMap;
    private final Options options;
    private final ProxyListener listener;
    private final DoubleSupplier random;
    private final BlockingQueue<Job> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final Cancellation cancel = new Cancellation();
    private final AtomicInteger mirrored = new AtomicInteger();
    private final AtomicInteger agreed = new AtomicInteger();
    private final AtomicInteger differed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger notSampled = new AtomicInteger();
    private final AtomicInteger unsupported = new AtomicInteger();

    /**
     * @param targetKey the target's key (held in memory only, sent as a bearer token), or null for none
     * @param modelMap  the app's model to the target's (the plan's mapping; identity when none)
     * @param random    0..1 draws for sampling
     */
    public Shadow(Relay target, String targetKey, UnaryOperator<String> modelMap, Options options,
                  ProxyListener listener, DoubleSupplier random) {
        this.target = Objects.requireNonNull(target);
        this.targetKey = targetKey;
        this.modelMap = modelMap == null ? UnaryOperator.identity() : modelMap;
        this.options = options;
        this.listener = listener == null ? ProxyListener.NONE : listener;
        this.random = random;
        this.queue = new ArrayBlockingQueue<>(options.queueSize());
        for (int i = 0; i < options.workers(); i++) {
            Thread t = new Thread(this::work, "shadow-" + (i + 1));
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** Offers a finished call for mirroring; returns at once. */
    public void offer(Relay.Outgoing request, RecordedCall app) {
        if (cancel.isCancelled()) {
            return;
        }
        if (random.getAsDouble() >= options.sampleRate()) {
            notSampled.incrementAndGet();
        } else if (app.requestBody() == null || !app.requestBody().isJsonObject()) {
            unsupported.incrementAndGet();
        } else if (!queue.offer(new Job(request, app))) {
            dropped.incrementAndGet();
        }
    }

    public ShadowSummary summary() {
        return new ShadowSummary(mirrored.get(), agreed.get(), differed.get(), failed.get(), dropped.get(),
                notSampled.get(), unsupported.get());
    }

    private void work() {
        while (true) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (job == STOP) {
                return;
            }
            ShadowResult r = mirror(job);
            if (r.failure() != null && cancel.isCancelled()) {
                // cut by the recording's stop, not by the target: no comparison was made, so it is a dropped mirror
                dropped.incrementAndGet();
                continue;
            }
            mirrored.incrementAndGet();
            (r.failure() != null ? failed : r.agrees() ? agreed : differed).incrementAndGet();
            listener.shadowed(r);
        }
    }

    private ShadowResult mirror(Job job) {
        RecordedCall app = job.app();
        String model = app.model();
        String mapped = model == null ? null : modelMap.apply(model);
        long start = System.nanoTime();
        CallShape mine = CallShape.of(app.status(), app.responseBody(), app.events());
        Cancellation one = new Cancellation();
        Runnable hook = one::cancel;
        cancel.onCancel(hook);
        try (Relay.Answer answer = target.send(request(job.request(), mapped), one)) {
            ResponseCapture capture = new ResponseCapture(start, first(answer, "content-type"),
                    first(answer, "content-encoding"));
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = answer.body()) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    capture.feed(buf, n, System.nanoTime());
                }
            }
            long end = System.nanoTime();
            CallShape theirs = CallShape.of(answer.status(), capture.json(), capture.events(end));
            capture.close();
            return new ShadowResult(app.seq(), app.route(), model, mapped, app.status(), answer.status(),
                    mine.differences(theirs), (end - start) / 1_000_000, null);
        } catch (IOException | RuntimeException e) {
            return new ShadowResult(app.seq(), app.route(), model, mapped, app.status(), 0, List.of(),
                    (System.nanoTime() - start) / 1_000_000, ForwardedCall.safe(e));
        } finally {
            cancel.remove(hook);
        }
    }

    /** The app's request with the target's key and mapped model. */
    private Relay.Outgoing request(Relay.Outgoing app, String model) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> h : app.headers()) {
            if (!NOT_MIRRORED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(h);
            }
        }
        if (targetKey != null) {
            headers.add(Map.entry("Authorization", "Bearer " + targetKey));
        }
        byte[] body = app.body();
        JsonElement json = RequestCapture.json("application/json", body);
        if (model != null && json instanceof JsonObject o && o.has("model")) {
            o.addProperty("model", model);
            body = RecordingWriter.GSON.toJson(o).getBytes(StandardCharsets.UTF_8);
        }
        return new Relay.Outgoing(app.method(), app.pathAndQuery(), headers, body);
    }

    private static String first(Relay.Answer a, String name) {
        List<String> v = a.headerMap().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Stops mirroring: waiting mirrors are dropped uncounted, those in flight cancelled and counted as dropped. */
    @Override
    public void close() {
        cancel.cancel();
        queue.clear();
        for (int i = 0; i < threads.size(); i++) {
            queue.offer(STOP);
        }
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The app's model to the target's as {@code plan}'s model mapping says (the first mapped row of a source model);
     * a model without a mapped row is sent as it is.
     */
    public static UnaryOperator<String> modelMap(ai.flatkey.migrate.plan.MigrationPlan plan) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (ai.flatkey.migrate.plan.ModelMapping mapping : plan.mappings()) {
            if (mapping.sourceModel() != null && mapping.targetModel() != null && !mapping.targetModel().isBlank()) {
                m.putIfAbsent(mapping.sourceModel(), mapping.targetModel());
            }
        }
        return model -> m.getOrDefault(model, model);
    }
}
