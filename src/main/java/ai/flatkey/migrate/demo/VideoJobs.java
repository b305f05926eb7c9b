package ai.flatkey.migrate.demo;

import com.google.gson.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The demo gateway's video tasks. Each has the gateway's own task ID ({@code task_} + 32 alphanumerics, as new-api
 * gives), belongs to the key that made it, and moves with time: {@code queued} for its first
 * {@value #QUEUED_MS} ms, {@code in_progress} until {@value #DONE_MS} ms (progress rising), then
 * {@code completed}. The {@link MediaFault}s it was made with change that: stuck in progress, failed, or reported in
 * words outside the API's ({@code processing}, {@code succeeded}).
 */
final class VideoJobs {
    static final long QUEUED_MS = 150;
    static final long DONE_MS = 700;
    private static final int MAX_JOBS = 1_000;
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** One task. */
    record Job(String id, String key, String model, String prompt, String seconds, String size, long createdMillis,
               Set<MediaFault> faults) {
    }

    private final LongSupplier clockMillis;
    private final Map<String, Job> jobs = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > MAX_JOBS;
        }
    };

    VideoJobs(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    Job create(String key, String model, String prompt, String seconds, String size, Set<MediaFault> faults) {
        StringBuilder id = new StringBuilder("task_");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 32; i++) {
            id.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        Job job = new Job(id.toString(), key, model, prompt, seconds, size, clockMillis.getAsLong(), Set.copyOf(faults));
        synchronized (jobs) {
            jobs.put(job.id(), job);
        }
        return job;
    }

    /** The key's task with this ID. */
    Optional<Job> find(String key, String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id)).filter(j -> j.key().equals(key));
        }
    }

    private long age(Job job) {
        return Math.max(0, clockMillis.getAsLong() - job.createdMillis());
    }

    /** The status now, as this task reports it. */
    String status(Job job) {
        long age = age(job);
        boolean bad = job.faults().contains(MediaFault.VIDEO_BAD_STATUS);
        if (age < QUEUED_MS) {
            return bad ? "pending" : "queued";
        }
        if (age < DONE_MS || job.faults().contains(MediaFault.VIDEO_STUCK)) {
            return bad ? "processing" : "in_progress";
        }
        if (job.faults().contains(MediaFault.VIDEO_FAILS)) {
            return "failed";
        }
        return bad ? "succeeded" : "completed";
    }

    /** The task as {@code POST /v1/videos} and {@code GET /v1/videos/{id}} answer it. */
    JsonObject describe(Job job) {
        String status = status(job);
        long age = age(job);
        JsonObject o = new JsonObject();
        o.addProperty("id", job.id());
        o.addProperty("object", "video");
        o.addProperty("model", job.model());
        o.addProperty("status", status);
        int progress = switch (status) {
            case "queued", "pending" -> 0;
            case "completed", "succeeded", "failed" -> 100;
            default -> job.faults().contains(MediaFault.VIDEO_STUCK) && age >= DONE_MS ? 42
                    : (int) Math.min(99, (age - QUEUED_MS) * 100 / (DONE_MS - QUEUED_MS));
        };
        o.addProperty("progress", progress);
        long createdAt = job.createdMillis() / 1000;
        o.addProperty("created_at", createdAt);
        if (status.equals("completed") || status.equals("succeeded")) {
            o.addProperty("completed_at", (job.createdMillis() + DONE_MS) / 1000);
            o.addProperty("expires_at", createdAt + 86_400);
        }
        o.addProperty("seconds", job.seconds());
        o.addProperty("size", job.size());
        if (status.equals("failed")) {
            JsonObject error = new JsonObject();
            error.addProperty("message", "The video could not be generated (demo fault video-fails).");
            error.addProperty("code", "generation_failed");
            o.add("error", error);
        }
        return o;
    }
}
