package ai.flatkey.migrate;

import ai.flatkey.migrate.cli.Cli;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.ui.WizardApp;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Entry point: no arguments opens the wizard; a single existing {@code *.json} file (a double-clicked plan) opens
 * the wizard with that plan; anything else is a command-line sub-command. A plain class (not an
 * {@code Application}) so the app starts from the classpath; the CLI path never loads JavaFX. A command started with
 * {@code java -jar} may run in a second JVM that uses the CLI's class-data sharing archive ({@link ArchiveRelaunch}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || isPlanFile(args)) {
            WizardApp.launchApp(args);
            return;
        }
        java.util.OptionalInt relaunched = ArchiveRelaunch.runIfFaster(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.getAsInt());
        }
        int code = new Cli(System.out, System.err, KeyResolver.system(), new PlanStore(), Clock.systemUTC()).execute(args);
        System.out.flush();
        System.exit(code);
    }

    /** One argument naming an existing {@code .json} file: the desktop opened a plan with this app. */
    static boolean isPlanFile(String[] args) {
        if (args.length != 1 || !args[0].toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            return false;
        }
        try {
            return Files.isRegularFile(Path.of(args[0]));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
