package ai.flatkey.migrate.wire;

/**
 * A video job as one answer describes it ({@code POST /videos} or {@code GET /videos/{id}}).
 *
 * @param id           the job's ID (on a gateway, its own task ID), or empty
 * @param object       {@code object} (expected {@code video}), or empty
 * @param jobStatus    {@code status} as sent (expected queued, in_progress, completed or failed), or empty
 * @param progress     {@code progress} (0–100), or null
 * @param createdAt    {@code created_at}, or null
 * @param errorMessage {@code error.message} of a failed job, or empty
 * @param errorCode    {@code error.code}, or empty
 * @param status       the HTTP status of the answer
 */
public record VideoJob(String id, String object, String model, String jobStatus, Integer progress, Long createdAt,
                       String errorMessage, String errorCode, String requestId, int status, Timing timing,
                       ResponseHeaders headers, Transcript transcript) {
    public VideoJob {
        id = id == null ? "" : id;
        object = object == null ? "" : object;
        model = model == null ? "" : model;
        jobStatus = jobStatus == null ? "" : jobStatus;
        errorMessage = errorMessage == null ? "" : errorMessage;
        errorCode = errorCode == null ? "" : errorCode;
        headers = headers == null ? ResponseHeaders.EMPTY : headers;
    }

    /** Whether the job will not change any more: {@code completed} or {@code failed}. */
    public boolean finished() {
        return jobStatus.equals("completed") || jobStatus.equals("failed");
    }

    VideoJob withTranscript(Transcript t) {
        return new VideoJob(id, object, model, jobStatus, progress, createdAt, errorMessage, errorCode, requestId,
                status, timing, headers, t);
    }

    String summary() {
        return "video job " + (id.isEmpty() ? "(no id)" : id) + ", status " + (jobStatus.isEmpty() ? "(none)" : jobStatus)
                + (progress == null ? "" : ", progress " + progress);
    }
}
