package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGatewayServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code demo-gateway}: the embedded demo gateway on its own, in the foreground. */
@Command(name = "demo-gateway", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Serve the OpenAI-compatible demo gateway on 127.0.0.1 until stopped (Ctrl+C).",
        description = "Its keys are public and only work on it, e.g. sk-demo-flatkey-local-0001 (see the README).")
final class DemoGatewayCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--port", paramLabel = "PORT", description = "port on 127.0.0.1; 0 for any free port (default: ${DEFAULT-VALUE})")
    private int port = 8787;

    @Option(names = "--tps", paramLabel = "N", description = "streaming pace in tokens per second; 0 streams at once (default: ${DEFAULT-VALUE})")
    private int tps = DemoConfig.defaults().tokensPerSecond();

    DemoGatewayCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Cli.UsageException {
        Ranges.check("--port", port, 0, 65535);
        Ranges.check("--tps", tps, 0, 100_000);
        return DemoGatewayServer.runForeground(port, tps, out);
    }
}
