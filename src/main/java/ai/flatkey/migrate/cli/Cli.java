package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.PlanStoreException;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.SmokeRunner;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The command line, on picocli: wires one command object per sub-command and turns what goes wrong into exit codes.
 * Exit codes: 0 all checks passed / command done, 1 a check did not pass, 2 usage, plan or budget error.
 * A key is read only from an environment variable (or the plan's key reference), never from a flag.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int CHECKS_FAILED = 1;
    public static final int USAGE = 2;
    static final String NAME = "flatkey-migrate";

    private final PrintStream out;
    private final PrintStream err;
    private final KeyResolver keys;
    private final PlanStore store;
    private final Clock clock;
    private final Duration readTimeout;

    public Cli(PrintStream out, PrintStream err, KeyResolver keys, PlanStore store, Clock clock) {
        this(out, err, keys, store, clock, SmokeRunner.DEFAULT_READ_TIMEOUT);
    }

    /**
     * @param readTimeout how long {@code run}'s checks wait for an answer's first byte and between its events (the
     *                    default budgets derive from {@link SmokeRunner#DEFAULT_READ_TIMEOUT}; tests pass short ones)
     */
    Cli(PrintStream out, PrintStream err, KeyResolver keys, PlanStore store, Clock clock, Duration readTimeout) {
        this.out = out;
        this.err = err;
        this.keys = keys;
        this.store = store;
        this.clock = clock;
        this.readTimeout = readTimeout;
    }

    public static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    /** Runs one command line and returns its exit code; nothing here calls {@code System.exit}. */
    public int execute(String... args) {
        PrintWriter outWriter = writer(out);
        PrintWriter errWriter = writer(err);
        CommandLine cli = commandLine(outWriter, errWriter, args);
        try {
            return cli.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** The sub-commands' names, in the order {@code --help} lists them. */
    private static final List<String> SUBCOMMANDS = List.of("run", "prove-rollback", "export", "scan", "replay", "checks",
            "record", "demo-gateway", "completion", "help", "version");

    /**
     * The sub-command {@code name}, made only when asked for: picocli reads a command's annotations by reflection when
     * it is added, and some commands' fields touch what they serve (the demo gateway's defaults), which a {@code run}
     * does not need. (A switch rather than a map of lambdas: picocli's classes are of an old class-file version that
     * the JDK 25 ahead-of-time cache cannot link, and lambdas that make or implement them broke its assembly.)
     */
    private Object subcommand(String name) {
        return switch (name) {
            case "run" -> new RunCommand(out, err, keys, store, clock, readTimeout);
            case "prove-rollback" -> new RollbackCommand(out, err, keys, store, clock);
            case "export" -> new ExportCommand(out, err, store, clock);
            case "scan" -> new ScanCommand(out, err, store, clock);
            case "replay" -> new ReplayCommand(out, err, keys, store, clock, readTimeout);
            case "checks" -> new CommandLine(new ChecksCommand())
                    .addSubcommand(new ChecksCommand.Validate(out, err))
                    .addSubcommand(new ChecksCommand.Import(out, err, store, clock));
            case "record" -> new RecordCommand(out, err, keys, store, clock);
            case "demo-gateway" -> new DemoGatewayCommand(out);
            case "completion" -> new CompletionCommand();
            case "help" -> new CommandLine.HelpCommand();
            case "version" -> new RootCommand.VersionCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * The command tree (fresh command objects for every command line), its streams and its error handling. A command
     * line that starts with a sub-command's name gets a tree with just that sub-command: it parses and runs the same,
     * and its errors and help name only it, while the rest of the tree is not built (a cold {@code run} starts sooner).
     * A lone {@code --version} needs no sub-command at all. {@code help} and {@code completion} describe the whole
     * tree, and anything else (no command, an unknown one, the other top-level options) gets it whole too.
     */
    private CommandLine commandLine(PrintWriter outWriter, PrintWriter errWriter, String[] args) {
        String first = args.length == 0 ? "" : args[0];
        boolean alone = SUBCOMMANDS.contains(first) && !first.equals("help") && !first.equals("completion");
        boolean versionOnly = args.length == 1 && (first.equals("--version") || first.equals("-V"));
        CommandLine cli = new CommandLine(new RootCommand());
        for (String name : SUBCOMMANDS) {
            if (!versionOnly && (!alone || name.equals(first))) {
                cli.addSubcommand(subcommand(name));
            }
        }
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        cli.setParameterExceptionHandler(new UsageErrors());
        cli.setExecutionExceptionHandler(new Failures());
        return cli;
    }

    /** {@link #usageError}, as a class of its own (see {@link #subcommand}). */
    private static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            return usageError(e, args);
        }
    }

    /** {@link #failure}, as a class of its own (see {@link #subcommand}). */
    private static final class Failures implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
            return failure(e, cmd, parsed);
        }
    }

    /** Help, usage errors and the completion script go to the same streams as the commands' output, in their charset. */
    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                stream.print(new String(chars, offset, length));
            }

            @Override
            public void flush() {
                stream.flush();
            }

            @Override
            public void close() {
                stream.flush();
            }
        }, true);
    }

    /** A command line picocli could not parse: say what is wrong, name the offending option, exit 2. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        boolean unknownCommand = cmd.getParent() == null && e instanceof CommandLine.UnmatchedArgumentException
                && args.length > 0 && !args[0].startsWith("-");
        err.println("error: " + (unknownCommand ? "Unknown command '" + args[0] + "'." : e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        return USAGE;
    }

    /** A command that cannot be carried out as asked (its message says what to change), or a plan that cannot load. */
    private static int failure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        PrintWriter err = cmd.getErr();
        if (e instanceof UsageException) {
            err.println("error: " + e.getMessage());
            err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return USAGE;
        }
        if (e instanceof PlanStoreException) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        throw e;
    }

    static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A command line that cannot be carried out; the message says what to change. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
