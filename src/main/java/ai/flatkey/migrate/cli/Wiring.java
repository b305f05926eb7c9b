package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.SmokeRunner;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.wire.Transport;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The CLI's composition root for one command that talks to gateways: the HTTP stack, the runner's threads and, for a
 * plan on the embedded demo gateway, that gateway; all closed with the command.
 * <p>
 * The HTTP stack is built on a thread of its own from the moment the command makes its {@code Wiring}: loading the
 * HTTP library and setting up TLS (the system's trusted certificates) is a good part of a cold start, and it then
 * happens while the command reads its plan and check files instead of after. Everything that uses the stack waits for
 * it; a failure to build it (an unreadable CA bundle) is thrown where it is first used, as it was when it was built in
 * place.
 */
final class Wiring implements AutoCloseable {
    private final CompletableFuture<Transport> http = new CompletableFuture<>();
    private final PrintStream out;
    private final KeyResolver keys;
    private final Clock clock;
    private final Duration readTimeout;
    private ExecutorService pool;
    private DemoGateway embedded;

    Wiring(PrintStream out, KeyResolver keys, Clock clock) {
        this(out, keys, clock, SmokeRunner.DEFAULT_READ_TIMEOUT);
    }

    /** @param readTimeout the checks' read timeout, from which their budgets and the run's deadline derive */
    Wiring(PrintStream out, KeyResolver keys, Clock clock, Duration readTimeout) {
        this.out = out;
        this.keys = keys;
        this.clock = clock;
        this.readTimeout = readTimeout;
        Thread builder = new Thread(() -> {
            try {
                http.complete(Transport.create());
            } catch (RuntimeException | Error e) {
                http.completeExceptionally(e);
            }
        }, "cli-http-setup");
        builder.setDaemon(true);
        builder.start();
    }

    /**
     * {@code planned} with the options applied: another base URL ({@code baseUrl}) or key variable ({@code keyEnv}),
     * or, for the embedded demo gateway, one started now. The demo's public key is known for the run.
     */
    Endpoint target(Endpoint planned, String baseUrl, String keyEnv) throws IOException {
        Endpoint target = keyEnv == null ? planned : planned.withKeyRef("env:" + keyEnv);
        if (baseUrl != null) {
            target = target.withBaseUrl(baseUrl);
        } else if (target.isDemo()) {
            embedded = DemoGateway.start(DemoConfig.defaults());
            target = target.withBaseUrl(embedded.baseUrl());
            out.println("Started the embedded demo gateway at " + embedded.baseUrl());
        }
        if (target.isDemo() || "demo".equals(target.keyRef())) {
            keys.remember("demo", DemoGateway.DEMO_KEY);
        }
        return target;
    }

    /** The command's HTTP stack, once it is built. */
    Transport http() {
        try {
            return http.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }

    /** Cancels every call on the command's HTTP stack (from the shutdown hook); one still being built has none. */
    void cancelCalls() {
        http.thenAccept(Transport::cancelAll);
    }

    /** The smoke checks, run {@code concurrency} at a time on this command's threads. */
    SmokeService smoke(int concurrency) {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(2 * concurrency, Cli.named("smoke"));
        }
        return SmokeService.of(new SmokeRunner(http(), pool, clock, readTimeout));
    }

    UsageService usage() {
        return UsageService.of(this::http, clock);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        // a stack still being built (a command that ended before it needed it) closes when it is done
        http.thenAccept(Transport::close);
        if (embedded != null) {
            embedded.close();
        }
    }
}
