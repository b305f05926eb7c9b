package ai.flatkey.migrate.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the demo gateway in the foreground, for {@code flatkey-migrate demo-gateway --port 8787}: prints where it
 * listens, the public demo key and a {@code curl} to try, then serves until the JVM is interrupted or terminated.
 */
public final class DemoGatewayServer {

    private DemoGatewayServer() {
    }

    /**
     * @param port 0 for any free port
     * @param tps  streaming pace in tokens per second (0 or less: no delay)
     * @param out  where to print the start-up banner
     * @return the process exit code: 0 after a clean stop, 1 when the gateway could not start
     */
    public static int runForeground(int port, int tps, PrintStream out) {
        DemoGateway gateway;
        try {
            gateway = DemoGateway.start(DemoConfig.defaults().withPort(port).withTokensPerSecond(tps));
        } catch (IOException | IllegalArgumentException e) {
            out.println("Could not start the demo gateway: " + e.getMessage());
            out.flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "demo-gateway-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        printBanner(gateway, tps, out);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already shutting down; the hook closes the gateway.
            }
            gateway.close();
        }
        out.println("Demo gateway stopped.");
        out.flush();
        return 0;
    }

    private static void printBanner(DemoGateway gateway, int tps, PrintStream out) {
        String base = gateway.baseUrl();
        out.println("Flatkey demo gateway listening on " + base);
        out.println("  API key (public demo key): " + DemoGateway.DEMO_KEY);
        out.println("  Models: " + String.join(", ", gateway.modelIds()));
        out.println("  Streaming pace: " + (tps <= 0 ? "no delay" : tps + " tokens/s"));
        out.println();
        out.println("Try it:");
        out.println("  curl -N " + base + "/chat/completions \\");
        out.println("    -H \"Authorization: Bearer " + DemoGateway.DEMO_KEY + "\" \\");
        out.println("    -H \"Content-Type: application/json\" \\");
        out.println("    -d '{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello, gateway\"}]}'");
        out.println();
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }
}
