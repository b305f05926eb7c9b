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

    private static final java.util.regex.Pattern ENV_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * Refuses a {@code --key-env} value that is not a variable name (issue 17, case 5: a key given in its place); the
     * value is never repeated, as it may be the key.
     */
    static void checkKeyEnv(String name) throws Cli.UsageException {
        if (name != null && !ENV_NAME.matcher(name.strip()).matches()) {
            throw new Cli.UsageException("--key-env takes the name of an environment variable (e.g. FLATKEY_API_KEY),"
                    + (ai.flatkey.migrate.plan.Endpoint.looksLikeKey(name) ? " not the key itself: the value given looks"
                    + " like a key" : " and the value given is not one") + " (it is not repeated here). Put the key in"
                    + " an environment variable and pass its name.");
        }
    }
}
