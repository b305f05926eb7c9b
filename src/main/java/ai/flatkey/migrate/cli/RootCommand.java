package ai.flatkey.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code flatkey-migrate}: the top level, with {@code --help} and {@code --version}; its sub-commands do the work. */
@Command(name = Cli.NAME, mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        header = "Flatkey Migration Assistant: moves an OpenAI-compatible app onto the Flatkey gateway by configuration, "
                + "and proves the move.",
        description = "Without arguments (or with just a plan file) it opens the wizard; with a command it runs "
                + "headless, for CI and scripts.",
        commandListHeading = "%nCommands:%n",
        footer = {"%nExit codes: 0 success, 1 a check did not pass, 2 usage, plan or budget error.",
                "Keys come only from environment variables (--key-env NAME, or the plan's env:NAME), never from a flag.",
                "'flatkey-migrate COMMAND --help' shows a command's options."})
final class RootCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** No command given (the launcher opens the wizard before it gets here): the usage, as an error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Cli.USAGE;
    }

    /** The version line of {@code --version}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Cli.NAME + " " + Cli.version()};
        }
    }

    /** {@code flatkey-migrate version}: the same as {@code --version}, as it always was. */
    @Command(name = "version", hidden = true, description = "Print the version and exit.")
    static final class VersionCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(new Version().getVersion()[0]);
            return Cli.OK;
        }
    }
}
