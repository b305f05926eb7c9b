package ai.flatkey.migrate.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A mixin for every command that uses a key: {@code --key} / {@code --api-key} are refused, their value never printed. */
final class NoKeyFlags {
    private static final String KEYS_ARE_NEVER_FLAGS = "keys are never taken from the command line (they end up in"
            + " shell history and process lists); put it in an environment variable and pass --key-env NAME.";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    /** Refuses a key on the command line while parsing, before any other error; the value is never kept or printed. */
    @Option(names = {"--key", "--api-key"}, arity = "0..1", fallbackValue = "", hidden = true)
    private void keyOnTheCommandLine(String ignored) {
        throw new ParameterException(spec.commandLine(), KEYS_ARE_NEVER_FLAGS);
    }
}
