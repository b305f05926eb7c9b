package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.wire.NetworkConfig;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A recording proxy in front of an upstream, on a direct (proxy-free) HTTP stack, recording into a file. */
final class ProxyFixture implements AutoCloseable {
    final Transport http = Transport.over(OpenAiClient.newHttpClient(NetworkConfig.direct()));
    final RecordingProxy proxy;
    final Path file;
    private final java.util.concurrent.Semaphore finished = new java.util.concurrent.Semaphore(0);

    ProxyFixture(String upstream, Path file, boolean shapesOnly, Shadow shadow, ProxyListener listener)
            throws IOException {
        this.file = file;
        RecordingWriter writer = RecordingWriter.create(file, new RecordingHeader(RecordingHeader.FORMAT,
                RecordingHeader.VERSION, Instant.now().toString(), upstream,
                shapesOnly ? RecordingHeader.SHAPES : RecordingHeader.FULL, "test"), true);
        this.proxy = RecordingProxy.start(RecordingProxy.Options.loopback(0).withShapesOnly(shapesOnly),
                http.relay(upstream, Duration.ofSeconds(5), Duration.ofSeconds(30)), writer, shadow,
                new ProxyListener() {
                    @Override
                    public void started(int seq, String method, String route, String model) {
                        if (listener != null) {
                            listener.started(seq, method, route, model);
                        }
                    }

                    @Override
                    public void finished(RecordedCall call) {
                        if (listener != null) {
                            listener.finished(call);
                        }
                        finished.release();
                    }

                    @Override
                    public void shadowed(ShadowResult result) {
                        if (listener != null) {
                            listener.shadowed(result);
                        }
                    }
                });
    }

    /** Waits until {@code n} more calls were recorded (each is written once the app has its answer). */
    void awaitRecorded(int n) throws InterruptedException {
        if (!finished.tryAcquire(n, 20, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("fewer than " + n + " calls were recorded within 20 s");
        }
    }

    ProxyFixture(String upstream, Path file) throws IOException {
        this(upstream, file, false, null, null);
    }

    String baseUrl() {
        return proxy.baseUrl();
    }

    Recording recording() throws IOException {
        return RecordingReader.read(file);
    }

    @Override
    public void close() throws IOException {
        proxy.close();
        http.close();
    }
}
