package ai.flatkey.migrate.ui.services;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;

/** Hosts the embedded demo gateway for the wizard: started once on demand, closed when the app exits. */
public final class EmbeddedDemoHost implements DemoHost {

    private final DemoConfig config;
    private DemoGateway gateway;
    private boolean closed;

    public EmbeddedDemoHost(DemoConfig config) {
        this.config = config;
    }

    @Override
    public synchronized String ensureStarted() throws Exception {
        if (closed) {
            throw new IllegalStateException("The app is shutting down; the demo gateway was not started.");
        }
        if (gateway == null) {
            gateway = DemoGateway.start(config);
        }
        return gateway.baseUrl();
    }

    @Override
    public String demoKey() {
        return DemoGateway.DEMO_KEY;
    }

    @Override
    public synchronized boolean isRunning() {
        return gateway != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }
}
