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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The CLI's composition root for one command that talks to gateways: the HTTP stack, the runner's threads and, for a
 * plan on the embedded demo gateway, that gateway; all closed with the command.
 */
final class Wiring implements AutoCloseable {
    private final ExecutorService pool;
    private final Transport http = Transport.create();
    private final PrintStream out;
    private final KeyResolver keys;
    private final Clock clock;
    private final Duration readTimeout;
    private DemoGateway embedded;

    Wiring(int concurrency, PrintStream out, KeyResolver keys, Clock clock) {
        this(concurrency, out, keys, clock, SmokeRunner.DEFAULT_READ_TIMEOUT);
    }

    /** @param readTimeout the checks' read timeout, from which their budgets and the run's deadline derive */
    Wiring(int concurrency, PrintStream out, KeyResolver keys, Clock clock, Duration readTimeout) {
        this.pool = Executors.newFixedThreadPool(2 * concurrency, Cli.named("smoke"));
        this.out = out;
        this.keys = keys;
        this.clock = clock;
        this.readTimeout = readTimeout;
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

    /** The command's HTTP stack (for the shutdown hook, which cancels its calls). */
    Transport http() {
        return http;
    }

    SmokeService smoke() {
        return SmokeService.of(new SmokeRunner(http, pool, clock, readTimeout));
    }

    UsageService usage() {
        return UsageService.of(() -> http, clock);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        http.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
