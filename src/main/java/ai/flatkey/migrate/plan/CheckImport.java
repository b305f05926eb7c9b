package ai.flatkey.migrate.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What bringing request checks into a plan does, before it is done: imported checks are copied into the plan
 * ({@code requestChecks}, replacing one of the same name), a referenced file is added to {@code checkFiles} (its path
 * relative to the plan's folder). A name that a check file of the plan already uses cannot be imported (check IDs are
 * unique). The importers of other formats (a curl command, a promptfoo config) hand their checks to the same step.
 *
 * @param plan     the plan as it would be saved
 * @param added    names of checks that are new in the plan
 * @param replaced names of checks of the plan that the import replaces
 * @param refused  why a check could not be imported, one sentence each
 */
public record CheckImport(MigrationPlan plan, List<String> added, List<String> replaced, List<String> refused) {
    public CheckImport {
        added = List.copyOf(added);
        replaced = List.copyOf(replaced);
        refused = List.copyOf(refused);
    }

    /** {@code incoming} copied into the plan. */
    public static CheckImport copy(MigrationPlan plan, List<RequestCheck> incoming) {
        return copy(plan, null, incoming);
    }

    /**
     * {@code incoming} copied into the plan saved at {@code planFile} (null: not saved yet): an upload check's
     * relative {@code file} rewritten relative to the plan's folder, so it still names the file beside its check
     * file ({@link RequestCheck#keptIn}).
     */
    public static CheckImport copy(MigrationPlan plan, Path planFile, List<RequestCheck> incoming) {
        Path dir = planFile == null ? null : planFile.toAbsolutePath().normalize().getParent();
        Map<String, RequestCheck> inline = new LinkedHashMap<>();
        plan.requestChecks().forEach(c -> inline.put(c.name(), c));
        List<String> fromFiles = plan.fileChecks().stream().map(RequestCheck::name).toList();
        List<String> added = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (RequestCheck c : incoming) {
            if (fromFiles.contains(c.name())) {
                refused.add("\"" + c.name() + "\" is already a check of one of the plan's check files; rename one of them.");
                continue;
            }
            (inline.containsKey(c.name()) ? replaced : added).add(c.name());
            inline.put(c.name(), c.keptIn(dir).withOrigin(""));
        }
        return new CheckImport(plan.withRequestChecks(List.copyOf(inline.values())), added, replaced, refused);
    }

    /**
     * {@code file} referenced from the plan saved at {@code planFile}: its path relative to the plan's folder (absolute
     * when they share no root), with the file's checks as the plan's file checks. Names it shares with the plan's own
     * checks or other files are refused, and then nothing changes.
     */
    public static CheckImport reference(MigrationPlan plan, Path planFile, Path file, List<RequestCheck> checks) {
        Path dir = planFile.toAbsolutePath().normalize().getParent();
        Path target = file.toAbsolutePath().normalize();
        String ref;
        try {
            ref = dir.relativize(target).toString().replace('\\', '/');
        } catch (IllegalArgumentException otherRoot) {
            ref = target.toString();
        }
        List<String> taken = plan.allRequestChecks().stream().map(RequestCheck::name).toList();
        List<String> refused = checks.stream().map(RequestCheck::name).filter(taken::contains)
                .map(n -> "\"" + n + "\" is already a request check of the plan; rename one of them.").toList();
        if (!refused.isEmpty() || plan.checkFiles().contains(ref)) {
            List<String> why = new ArrayList<>(refused);
            if (plan.checkFiles().contains(ref)) {
                why.add(ref + " is already one of the plan's check files.");
            }
            return new CheckImport(plan, List.of(), List.of(), why);
        }
        List<String> files = new ArrayList<>(plan.checkFiles());
        files.add(ref);
        List<RequestCheck> fileChecks = new ArrayList<>(plan.fileChecks());
        fileChecks.addAll(checks);
        return new CheckImport(plan.withCheckFiles(files).withFileChecks(fileChecks),
                checks.stream().map(RequestCheck::name).toList(), List.of(), List.of());
    }
}
