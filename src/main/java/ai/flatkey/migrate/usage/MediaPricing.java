package ai.flatkey.migrate.usage;

/**
 * How a new-api gateway bills the requests whose price is not read from their answer's tokens — speech by the length
 * of the audio it returns, a video job by the seconds it asks for — so that the quota guard prices them before they
 * are sent and the reconciliation checks them after, the way the gateway charges them:
 * <ul>
 *   <li>Speech ({@code POST /v1/audio/speech}): new-api's {@code relay/channel/openai/audio.go}
 *       ({@code OpenaiTTSHandler}) counts the input text's tokens as the prompt and
 *       {@code round(ceil(seconds of audio) / 60 × 1000)} audio completion tokens (1,000 a minute); its
 *       {@code service/quota.go} ({@code calculateAudioQuota}) prices them as {@code (text tokens + audio tokens ×
 *       audio_ratio × audio_completion_ratio) × model_ratio × group_ratio}, rounded, at least 1. The length is known only
 *       from the answer, so the estimate counts the longest the clip can be: {@link #SECONDS_PER_WORD_CEILING} per
 *       word. A gateway does not publish its audio ratios; the estimate prices audio tokens at the model's output
 *       price (its completion ratio), and a gateway whose audio ratios differ shows in the reconciliation.</li>
 *   <li>Video ({@code POST /v1/videos}): new-api's {@code relay/channel/task/sora/adaptor.go}
 *       ({@code EstimateBilling}) sets the ratios {@code seconds} (the request's, 4 when it names none) and
 *       {@code size} (1.666667 for 1792x1024 and 1024x1792, else 1), and {@code relay/relay_task.go} multiplies the
 *       per-call quota {@code int(model_price × quota_per_unit × group_ratio)} by each ratio, truncating after each.
 *       So a video model's "price per call" is a price per second of video, not per job — not a simple per-request
 *       price.</li>
 * </ul>
 */
public final class MediaPricing {
    /** The seconds a video check asks for: OpenAI's shortest clip and new-api's default. */
    public static final int VIDEO_SECONDS = 4;
    /**
     * The size a video check asks for: new-api's default, whose size ratio is 1 (1792x1024 and 1024x1792 would be
     * 1.666667, applied with its own truncation — the check never asks for them, so nothing here prices them).
     */
    public static final String VIDEO_SIZE = "720x1280";
    /** The video check's feature ({@code smoke/FamilyChecks.VIDEO}): its request is billed per second. */
    public static final String VIDEO_FEATURE = "video";
    /** Seconds of speech counted per word for the estimate: 100 words a minute, slower than a TTS voice at speed 1. */
    static final double SECONDS_PER_WORD_CEILING = 0.6;
    /** new-api's audio completion tokens per minute of speech returned. */
    static final int AUDIO_TOKENS_PER_MINUTE = 1000;

    private MediaPricing() {
    }

    /** new-api's completion tokens for a speech answer of this length: {@code round(ceil(seconds) / 60 × 1000)}. */
    public static int speechCompletionTokens(double seconds) {
        return (int) Math.round(Math.ceil(seconds) / 60.0 * AUDIO_TOKENS_PER_MINUTE);
    }

    /** The longest a speech answer for this input can be, by {@link #SECONDS_PER_WORD_CEILING} per word (at least 1 s). */
    public static double speechSecondsCeiling(String input) {
        String t = input.strip();
        int words = t.isEmpty() ? 0 : t.split("\\s+").length;
        return Math.max(1.0, words * SECONDS_PER_WORD_CEILING);
    }

    /** Prompt tokens counted for a text: one per three characters, a generous count (~4 characters a token). */
    public static int promptTokensCeiling(String text) {
        return (int) Math.ceil(text.length() / 3.0);
    }

    /** The seconds a check's request is billed for (a video job), or 0 when its price is not per second. */
    public static int taskSeconds(String feature) {
        return VIDEO_FEATURE.equals(feature) ? VIDEO_SECONDS : 0;
    }
}
