package ai.flatkey.migrate.plan;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * One stage of the staged rollout, with the gate that must hold before the next stage, who owns it and when it is
 * due (or was done).
 *
 * @param owner free text: a person or a team
 * @param date  an ISO local date ({@code 2026-12-01}) or empty. A date that is not one (typed by hand in a plan file)
 *              is kept as written so nothing is lost; {@link #dateProblem()} says what is wrong with it
 */
public record RolloutStage(String name, String gate, ItemStatus status, String note, String owner, String date) {

    public RolloutStage {
        name = Lists.text(name);
        gate = Lists.text(gate);
        status = status == null ? ItemStatus.OPEN : status;
        note = Lists.text(note);
        owner = Lists.text(owner).strip();
        date = Lists.text(date).strip();
    }

    /** A stage without an owner or a date. */
    public RolloutStage(String name, String gate, ItemStatus status, String note) {
        this(name, gate, status, note, "", "");
    }

    public RolloutStage withOwner(String value) {
        return new RolloutStage(name, gate, status, note, value, date);
    }

    public RolloutStage withDate(String value) {
        return new RolloutStage(name, gate, status, note, owner, value);
    }

    /** The date, if it is a valid ISO local date. */
    public Optional<LocalDate> localDate() {
        return parseDate(date);
    }

    /** Empty if the date is empty or valid; otherwise a plain-language message naming the stage. */
    public String dateProblem() {
        String p = dateProblem(date);
        return p.isEmpty() ? "" : "Stage \u201c" + name + "\u201d: " + p;
    }

    /**
     * Empty if {@code text} is empty or an ISO local date ({@code YYYY-MM-DD}, a real day of the calendar);
     * otherwise what is wrong, in words.
     */
    public static String dateProblem(String text) {
        String t = Lists.text(text).strip();
        if (t.isEmpty() || parseDate(t).isPresent()) {
            return "";
        }
        if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return "\u201c" + t + "\u201d is not a day of the calendar. Write the date as YYYY-MM-DD, e.g. 2026-12-01.";
        }
        return "\u201c" + t + "\u201d is not a date. Write it as YYYY-MM-DD, e.g. 2026-12-01.";
    }

    private static Optional<LocalDate> parseDate(String t) {
        if (t == null || t.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(t.strip(), DateTimeFormatter.ISO_LOCAL_DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The runbook's eight stages, in order. */
    public static List<RolloutStage> defaults() {
        return List.of(
                new RolloutStage("Direct curl smoke test", "The curl request answers with a usable assistant message", ItemStatus.OPEN, ""),
                new RolloutStage("SDK smoke test in local or staging", "The app's own SDK call passes against the target", ItemStatus.OPEN, ""),
                new RolloutStage("Replay known prompts", "Output shape matches the current provider for the replay set", ItemStatus.OPEN, ""),
                new RolloutStage("Streaming and advanced parameters", "Every feature in use passes its own smoke check", ItemStatus.OPEN, ""),
                new RolloutStage("Low quota on the test key", "A quota limit is set and visible", ItemStatus.OPEN, ""),
                new RolloutStage("Small share of non-critical traffic", "Error rate and p95 latency within the agreed bounds", ItemStatus.OPEN, ""),
                new RolloutStage("Compare errors, latency, tokens and cost", "Usage logs and billing match expectations", ItemStatus.OPEN, ""),
                new RolloutStage("Ramp up", "Logs and billing still match at each step", ItemStatus.OPEN, ""));
    }
}
