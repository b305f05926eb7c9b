package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.wire.Transport;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Starts a recording as both faces do ({@code flatkey-migrate record} and the inventory step's "Record live traffic"):
 * the file with its header, the shadow when asked for, and the proxy relaying to the upstream. What was opened is
 * closed again when a later part fails, so a failed start leaves no open file and no thread behind.
 */
public final class RecordingSession {
    /** Time to connect to the upstream (or the shadow target). */
    public static final Duration CONNECT = Duration.ofSeconds(10);
    /** Time an answer may pause between reads: a reasoning model's first token can take minutes. */
    public static final Duration READ = Duration.ofMinutes(10);
    /** Shadow mirrors waiting at most, and the workers sending them. */
    static final int SHADOW_QUEUE = 256;
    static final int SHADOW_WORKERS = 4;

    private RecordingSession() {
    }

    /**
     * Where a shadow mirrors to.
     *
     * @param baseUrl the target's base URL
     * @param key     the target's key (null: none is sent)
     * @param models  the model mapping applied to each mirrored call
     * @param sample  the share of calls mirrored, 0 to 1
     */
    public record Shadowing(String baseUrl, String key, UnaryOperator<String> models, double sample) {
    }

    /**
     * What to record.
     *
     * @param upstream       the current provider's base URL
     * @param out            the recording file
     * @param replace        whether an existing file may be replaced
     * @param proxy          where the proxy listens, and how
     * @param anyPortIfTaken listen on any free loopback port when the asked one is taken
     * @param shadow         the shadow, or null
     * @param tool           the program and version written in the header
     */
    public record Settings(String upstream, Path out, boolean replace, RecordingProxy.Options proxy,
                           boolean anyPortIfTaken, Shadowing shadow, String tool) {
    }

    /** The recording file could not be created (it exists and may not be replaced, or cannot be written). */
    public static final class FileProblem extends IOException {
        FileProblem(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** Opens the file, the shadow and the proxy; events go to {@code listener}. */
    public static RecordingProxy open(Transport http, Settings s, Clock clock, ProxyListener listener)
            throws IOException {
        RecordingProxy.Options options = s.proxy();
        RecordingHeader header = new RecordingHeader(RecordingHeader.FORMAT, RecordingHeader.VERSION,
                clock.instant().toString(), s.upstream(),
                options.shapesOnly() ? RecordingHeader.SHAPES : RecordingHeader.FULL, s.tool());
        RecordingWriter writer;
        try {
            writer = RecordingWriter.create(s.out(), header, s.replace());
        } catch (IOException e) {
            throw new FileProblem(e instanceof java.nio.file.FileAlreadyExistsException ? s.out() + " exists"
                    : "cannot write " + s.out() + ": " + e.getMessage(), e);
        }
        Shadow shadow = null;
        try {
            Shadowing sh = s.shadow();
            if (sh != null) {
                shadow = new Shadow(http.relay(sh.baseUrl(), CONNECT, READ), sh.key(), sh.models(),
                        new Shadow.Options(sh.sample(), SHADOW_QUEUE, SHADOW_WORKERS), listener,
                        () -> ThreadLocalRandom.current().nextDouble());
            }
            var relay = http.relay(s.upstream(), CONNECT, READ);
            try {
                return RecordingProxy.start(options, relay, writer, shadow, listener);
            } catch (BindException taken) {
                if (!s.anyPortIfTaken()) {
                    throw taken;
                }
                RecordingProxy.Options anyPort = new RecordingProxy.Options(
                        new java.net.InetSocketAddress(options.listen().getAddress(), 0), options.allowRemote(),
                        options.shapesOnly(), options.threads(), options.maxRequestBytes());
                return RecordingProxy.start(anyPort, relay, writer, shadow, listener);
            }
        } catch (IOException | RuntimeException e) {
            writer.close();
            if (shadow != null) {
                shadow.close();
            }
            throw e;
        }
    }
}
