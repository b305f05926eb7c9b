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
 */
public record SuiteOptions(int repeat, boolean compare, String checks, boolean negatives) {
    public static final int MAX_REPEAT = 100;

    public SuiteOptions {
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new IllegalArgumentException("repeat must be between 1 and " + MAX_REPEAT + "; got " + repeat);
        }
        checks = checks == null ? "" : checks.strip();
    }

    public static SuiteOptions defaults() {
        return new SuiteOptions(1, false, "", true);
    }

    public SuiteOptions withRepeat(int n) {
        return new SuiteOptions(n, compare, checks, negatives);
    }

    public SuiteOptions withCompare(boolean value) {
        return new SuiteOptions(repeat, value, checks, negatives);
    }

    public SuiteOptions withChecks(String globs) {
        return new SuiteOptions(repeat, compare, globs, negatives);
    }

    public SuiteOptions withNegatives(boolean value) {
        return new SuiteOptions(repeat, compare, checks, value);
    }

    /** Whether a check ID is selected by {@link #checks()}. */
    public boolean selects(String checkId) {
        if (checks.isEmpty()) {
            return true;
        }
        return globs().stream().anyMatch(p -> p.matcher(checkId).matches());
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
