package ai.flatkey.migrate.cli;

/** Range checks of numeric options, with a message that names the option. */
final class Ranges {
    private Ranges() {
    }

    static int check(String option, int value, int min, int max) throws Cli.UsageException {
        if (value < min || value > max) {
            throw new Cli.UsageException(option + " must be between " + min + " and " + max + "; got " + value + ".");
        }
        return value;
    }
}
