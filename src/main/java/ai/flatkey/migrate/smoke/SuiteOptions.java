package ai.flatkey.migrate.smoke;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a suite runs.
 *
 * @param repeat    how many times each check runs (p50/p95 over the runs); at least 1
 * @param compare   whether the same checks also run against the current provider (the plan's source) and are compared
 * @param checks    comma-separated globs over check IDs ({@code *} any text, {@code ?} one character); empty = all
 * @param negatives whether the negative checks (invalid key, unknown model) run
 * @param concurrency how many checks may run at once against one endpoint
 */
public record SuiteOptions(int repeat, boolean compare, String checks, boolean negatives, int concurrency) {
    public static final int MAX_REPEAT = 100;
    public static final int MAX_CONCURRENCY = 64;
    /** Enough to run a typical suite (about 15 checks) in one wave, few enough not to trip a gateway's rate limit. */
    public static final int DEFAULT_CONCURRENCY = 16;

    /**
     * What to say when checks timed out: a target that serves one or two requests at a time (a local llama.cpp or a
     * small vLLM) queues the rest until they time out.
     *
     * @param control how the face names the setting, e.g. {@code --concurrency N}
     */
    public static String timeoutHint(long timedOut, int concurrency, String control) {
        return timedOut + (timedOut == 1 ? " check" : " checks") + " got no answer in time with " + concurrency
                + " running at once against the target. A target that serves few requests at a time queues the rest"
                + " until they time out: run again with fewer at once (" + control + ", e.g. 2 for a local server).";
    }

    public SuiteOptions {
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new IllegalArgumentException("repeat must be between 1 and " + MAX_REPEAT + "; got " + repeat);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_CONCURRENCY + "; got " + concurrency);
        }
        checks = checks == null ? "" : checks.strip();
    }

    public SuiteOptions(int repeat, boolean compare, String checks, boolean negatives) {
        this(repeat, compare, checks, negatives, DEFAULT_CONCURRENCY);
    }

    public static SuiteOptions defaults() {
        return new SuiteOptions(1, false, "", true, DEFAULT_CONCURRENCY);
    }

    public SuiteOptions withRepeat(int n) {
        return new SuiteOptions(n, compare, checks, negatives, concurrency);
    }

    public SuiteOptions withCompare(boolean value) {
        return new SuiteOptions(repeat, value, checks, negatives, concurrency);
    }

    /**
     * Only the request check {@code name}: {@code request:NAME}, and {@code request:NAME:MODEL} when its body names no
     * model and it runs once per mapped target model. Without the negative checks.
     */
    public SuiteOptions withRequestCheck(String name) {
        String id = "request:" + name;
        return new SuiteOptions(repeat, compare, id + "," + id + ":*", false, concurrency);
    }

    public SuiteOptions withChecks(String globs) {
        return new SuiteOptions(repeat, compare, globs, negatives, concurrency);
    }

    public SuiteOptions withNegatives(boolean value) {
        return new SuiteOptions(repeat, compare, checks, value, concurrency);
    }

    public SuiteOptions withConcurrency(int n) {
        return new SuiteOptions(repeat, compare, checks, negatives, n);
    }

    /** Whether a check ID is selected by {@link #checks()}. */
    public boolean selects(String checkId) {
        return selector().test(checkId);
    }

    /** {@link #selects} with the globs compiled once, for testing many check IDs. */
    public java.util.function.Predicate<String> selector() {
        if (checks.isEmpty()) {
            return id -> true;
        }
        List<Pattern> globs = globs();
        return id -> globs.stream().anyMatch(p -> p.matcher(id).matches());
    }

    private List<Pattern> globs() {
        return Arrays.stream(checks.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(SuiteOptions::glob).toList();
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
