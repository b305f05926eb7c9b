package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.smoke.SuiteOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options of {@code run}, parsed by picocli (a mixin of {@link RunCommand}); the command reads the fields. */
final class RunOptions {
    @Parameters(paramLabel = "PLAN.json", description = "the plan file")
    String planFile;

    /** --compare and --target-only: the last one given wins. */
    private boolean compare;

    @Option(names = "--compare", description = "also run the checks against the plan's current provider and compare shapes")
    private void compare(boolean on) {
        compare = true;
    }

    @Option(names = "--target-only", description = "only the target (the default)")
    private void targetOnly(boolean on) {
        compare = false;
    }

    @Option(names = "--repeat", paramLabel = "N", description = "run each check N times (1-" + SuiteOptions.MAX_REPEAT
            + "); shows p50/p95 latency and TTFT")
    private Integer repeat;

    @Option(names = "--checks", paramLabel = "GLOB", description = "only checks whose ID matches (comma-separated; * and ?), e.g. 'streaming:*' or 'request:*' (the plan's request checks)")
    private String checks;

    @Option(names = "--concurrency", paramLabel = "N", description = "checks run at once per endpoint (1-"
            + SuiteOptions.MAX_CONCURRENCY + ", default " + SuiteOptions.DEFAULT_CONCURRENCY + ")")
    private Integer concurrency;

    @Option(names = "--base-url", paramLabel = "URL", description = "override the plan's target base URL (include the /v1 prefix)")
    String baseUrl;

    @Option(names = "--key-env", paramLabel = "NAME", description = "read the target key from this environment variable (keys are never flags)")
    String keyEnv;

    @Option(names = "--junit", paramLabel = "FILE", description = "write the results as JUnit XML (one testcase per check) for CI")
    String junitFile;

    @Option(names = "--json", paramLabel = "FILE", description = "write the results (verdicts, rules, timings, transcripts) as JSON")
    String jsonFile;

    @Option(names = "--write", description = "store the results (and the reconciliation) in the plan file (atomically)")
    boolean write;

    @Option(names = "--no-verify", description = "skip reconciling the requests with the gateway's usage log and quota")
    boolean noVerify;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "model prices (CSV model,input_per_1m,output_per_1m or JSON) where the gateway publishes none")
    String pricesFile;

    @Option(names = "--allow-over-budget", description = "run even when the estimated cost exceeds the key's quota or the budget")
    boolean allowOverBudget;

    @Mixin
    private NoKeyFlags noKeyFlags;

    /** The suite's options, with the numbers checked against their ranges. */
    SuiteOptions suiteOptions() throws Cli.UsageException {
        SuiteOptions options = SuiteOptions.defaults().withCompare(compare);
        if (repeat != null) {
            options = options.withRepeat(Ranges.check("--repeat", repeat, 1, SuiteOptions.MAX_REPEAT));
        }
        if (concurrency != null) {
            options = options.withConcurrency(Ranges.check("--concurrency", concurrency, 1, SuiteOptions.MAX_CONCURRENCY));
        }
        if (checks != null) {
            options = options.withChecks(checks);
        }
        return options;
    }
}
