package ai.flatkey.migrate;

import ai.flatkey.migrate.cli.Cli;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.ui.WizardApp;

import java.time.Clock;

/**
 * Entry point: no arguments opens the wizard; a sub-command runs the command line. A plain class (not an
 * {@code Application}) so the app starts from the classpath; the CLI path never loads JavaFX.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            WizardApp.launchApp(args);
            return;
        }
        int code = new Cli(System.out, System.err, KeyResolver.system(), new PlanStore(), Clock.systemUTC()).execute(args);
        System.out.flush();
        System.exit(code);
    }
}
