package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.PlanStoreException;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.traffic.ProxyListener;
import ai.flatkey.migrate.traffic.RecordedCall;
import ai.flatkey.migrate.traffic.RecordingSession;
import ai.flatkey.migrate.traffic.RecordingProxy;
import ai.flatkey.migrate.traffic.Shadow;
import ai.flatkey.migrate.traffic.ShadowResult;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.SafeText;
import ai.flatkey.migrate.wire.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/** {@code record --upstream URL …}: the recording proxy in the foreground, until Ctrl+C or SIGTERM. */
@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Record the calls an app really makes, through a local proxy.",
        description = {"Point the app's base URL (OPENAI_BASE_URL) at the address printed: every call is forwarded to "
                + "--upstream unchanged, the app's own key included, and the answer comes back unchanged, streams "
                + "chunk by chunk as they arrive. Each call is written to --out as one JSON line, with every key and "
                + "cookie removed (see docs/recording.md). Ctrl+C stops it, closes the file and prints a summary.",
                "--shadow also mirrors a share of the calls to a target gateway in the background and compares the "
                        + "answers' structure, without delaying or changing what the app gets."})
final class RecordCommand implements java.util.concurrent.Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final KeyResolver keys;
    private final PlanStore store;
    private final Clock clock;

    @Mixin
    private NoKeyFlags noKeyFlags;

    @Option(names = "--upstream", required = true, paramLabel = "URL",
            description = "the provider the app uses now, with its API prefix, e.g. https://api.openai.com/v1")
    private String upstream;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "where the proxy listens (default: ${DEFAULT-VALUE})")
    private String listen = "127.0.0.1:8788";

    @Option(names = "--allow-remote", description = "allow --listen on an address other than loopback (anyone who "
            + "can reach it can send calls through it)")
    private boolean allowRemote;

    @Option(names = "--out", paramLabel = "FILE", description = "the recording file (default: ${DEFAULT-VALUE})")
    private Path outFile = Path.of("recording.jsonl");

    @Option(names = "--force", description = "replace --out when it exists")
    private boolean force;

    @Option(names = "--shapes-only", description = "record the shape of every call, not what was said (message texts "
            + "replaced with their length)")
    private boolean shapesOnly;

    @Option(names = "--max-calls", paramLabel = "N", description = "stop after N calls (default: run until stopped)")
    private int maxCalls;

    @Option(names = "--shadow", paramLabel = "TARGET_BASE_URL", description = "also mirror calls to this gateway and "
            + "compare")
    private String shadowUrl;

    @Option(names = "--shadow-key-env", paramLabel = "VAR", description = "the environment variable holding the "
            + "target's key (default: ${DEFAULT-VALUE})")
    private String shadowKeyEnv = "FLATKEY_API_KEY";

    @Option(names = "--sample", paramLabel = "RATE", description = "share of calls mirrored, 0..1 (default: ${DEFAULT-VALUE})")
    private double sample = 1.0;

    @Option(names = "--plan", paramLabel = "PLAN", description = "map models for the shadow as this plan's model "
            + "mapping does (default: the same model)")
    private Path plan;

    RecordCommand(PrintStream out, PrintStream err, KeyResolver keys, PlanStore store, Clock clock) {
        this.out = out;
        this.err = err;
        this.keys = keys;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Cli.UsageException, PlanStoreException {
        NoKeyFlags.checkKeyEnv(shadowKeyEnv);
        checkUrl("--upstream", upstream);
        if (shadowUrl != null) {
            checkUrl("--shadow", shadowUrl);
        }
        if (!(sample >= 0 && sample <= 1)) {
            throw new Cli.UsageException("--sample is a share between 0 and 1, e.g. 0.05 for 5 %; was " + sample);
        }
        Ranges.check("--max-calls", maxCalls, 0, Integer.MAX_VALUE);
        RecordingProxy.Options options = new RecordingProxy.Options(address(), allowRemote, shapesOnly, 0, 0);
        UnaryOperator<String> models = modelMap();
        String shadowKey = shadowUrl == null ? null : shadowKey();
        Cancellation stopped = new Cancellation();
        try (Transport http = Transport.create()) {
            StopOnSignal stop = StopOnSignal.install(stopped, http);
            try {
                return record(http, options, models, shadowKey, stopped);
            } finally {
                stop.close();
            }
        }
    }

    private int record(Transport http, RecordingProxy.Options options, UnaryOperator<String> models,
                       String shadowKey, Cancellation stopped) throws Cli.UsageException {
        CountDownLatch done = new CountDownLatch(1);
        stopped.onCancel(done::countDown);
        Lines lines = new Lines(done);
        RecordingSession.Shadowing shadowing = shadowUrl == null ? null
                : new RecordingSession.Shadowing(shadowUrl, shadowKey, models, sample);
        RecordingProxy proxy;
        try {
            proxy = RecordingSession.open(http, new RecordingSession.Settings(upstream, outFile, force, options, false,
                    shadowing, Cli.NAME + " " + Cli.version()), clock, lines);
        } catch (RecordingSession.FileProblem e) {
            throw new Cli.UsageException(e.getCause() instanceof FileAlreadyExistsException
                    ? outFile + " exists; pass --force to replace it, or another --out FILE." : e.getMessage());
        } catch (IOException e) {
            throw new Cli.UsageException("cannot listen on " + listen + ": " + e.getMessage()
                    + " (another program may use that port; pick another with --listen 127.0.0.1:PORT)");
        }
        out.println("Recording calls to " + SafeText.scrub(upstream) + " into " + outFile
                + (shapesOnly ? " (shapes only)" : ""));
        out.println("Point the app at the proxy:  OPENAI_BASE_URL=" + proxy.baseUrl());
        if (shadowing != null) {
            out.println("Shadowing " + Math.round(sample * 100) + " % of the calls to " + SafeText.scrub(shadowUrl));
        }
        out.println("Stop with Ctrl+C.");
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return finish(proxy);
    }

    private int finish(RecordingProxy proxy) {
        try {
            proxy.close();
        } catch (IOException e) {
            err.println("error: the recording file could not be closed cleanly: " + e.getMessage());
        }
        out.println("Stopped. " + proxy.summary().line());
        if (proxy.shadowSummary() != null) {
            out.println(proxy.shadowSummary().line());
        }
        out.println("Recording: " + outFile + " (" + proxy.summary().recorded() + " calls)");
        if (proxy.writeFailures() > 0) {
            err.println("error: " + proxy.writeFailures() + " calls could not be written to " + outFile);
            return Cli.CHECKS_FAILED;
        }
        return Cli.OK;
    }

    /** One line per finished call and per shadow comparison that differed; stops after --max-calls. */
    private final class Lines implements ProxyListener {
        private final CountDownLatch done;
        private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

        Lines(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void finished(RecordedCall c) {
            String tokens = c.usage() == null || c.usage().totalTokens() == null ? ""
                    : " " + c.usage().totalTokens() + " tokens";
            String outcome = RecordedCall.COMPLETE.equals(c.outcome()) ? "" : " (" + c.outcome() + ")";
            out.println("#" + c.seq() + " " + c.method() + " " + c.route() + " " + (c.model() == null ? "-"
                    : SafeText.scrub(c.model())) + " " + c.status() + (c.streamed() ? " stream" : "") + " "
                    + c.timing().totalMs() + " ms" + tokens + outcome);
            if (maxCalls > 0 && count.incrementAndGet() >= maxCalls) {
                done.countDown();
            }
        }

        @Override
        public void shadowed(ShadowResult r) {
            if (!r.agrees()) {
                out.println("  shadow #" + r.seq() + " " + r.targetModel() + ": " + (r.failure() != null
                        ? "no answer: " + r.failure() : String.join("; ", r.differences())));
            }
        }
    }

    private InetSocketAddress address() throws Cli.UsageException {
        int colon = listen.lastIndexOf(':');
        try {
            String host = colon < 0 ? "127.0.0.1" : listen.substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(colon < 0 ? listen : listen.substring(colon + 1));
            Ranges.check("--listen port", port, 0, 65535);
            InetAddress a = InetAddress.getByName(host.isEmpty() ? "127.0.0.1" : host);
            if (!allowRemote && !a.isLoopbackAddress()) {
                throw new Cli.UsageException("--listen " + listen + " is not a loopback address: the proxy would "
                        + "forward calls with the app's key for anyone who reaches it. Use 127.0.0.1, or pass "
                        + "--allow-remote if that is really meant.");
            }
            return new InetSocketAddress(a, port);
        } catch (NumberFormatException | IOException e) {
            throw new Cli.UsageException("--listen takes HOST:PORT, e.g. 127.0.0.1:8788; was " + listen);
        }
    }

    private static void checkUrl(String option, String url) throws Cli.UsageException {
        try {
            URI u = URI.create(url);
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(option + " takes an http(s) base URL, e.g. https://api.openai.com/v1; was "
                    + SafeText.scrub(url));
        }
    }

    private String shadowKey() throws Cli.UsageException {
        return keys.resolve("env:" + shadowKeyEnv.strip()).orElseThrow(() -> new Cli.UsageException(
                "--shadow needs the target's key in the environment variable " + shadowKeyEnv
                        + ", which is not set; set it, or name another with --shadow-key-env VAR."));
    }

    private UnaryOperator<String> modelMap() throws PlanStoreException {
        return plan == null ? UnaryOperator.identity() : Shadow.modelMap(store.open(plan).plan());
    }
}
