package ai.flatkey.migrate;

import ai.flatkey.migrate.cli.Cli;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;

import java.time.Clock;

/**
 * The training run of the installed app's start-up cache (installer/linux/train-startup.sh), both faces in one JVM,
 * because a JDK 25 ahead-of-time cache is written from one run and both launchers use it: first the command line
 * ({@code run PLAN} on the embedded demo gateway, its request checks included, then {@code --version}), then the
 * wizard to its first frame ({@link Main} with no arguments; the training sets {@code flatkey.startupProbe=exit}, so
 * the process ends there). Not an entry point for people.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    /** @param args one argument: the training plan (its target the embedded demo gateway) */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining PLAN.json");
            System.exit(Cli.USAGE);
        }
        Cli cli = new Cli(System.out, System.err, KeyResolver.system(), new PlanStore(), Clock.systemUTC());
        int code = cli.execute("run", args[0]);
        if (code == Cli.USAGE) {
            // the plan could not run at all: a training without the CLI's classes would ship silently
            System.err.println("training: 'run " + args[0] + "' exited " + code);
            System.exit(code);
        }
        if (code != Cli.OK) {
            System.err.println("training: warning: a check of the training plan did not pass (exit " + code + "); its "
                    + "classes were loaded all the same");
        }
        cli.execute("--version");
        System.out.flush();
        Main.main(new String[0]);
    }
}
