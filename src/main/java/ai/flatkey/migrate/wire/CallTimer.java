package ai.flatkey.migrate.wire;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * The network-layer clock of one HTTP attempt, from OkHttp's call events: when the request headers started to go
 * out, when the response headers and the last body byte arrived, connect and TLS time, and whether the connection
 * came from the pool. Figures taken from here measure the server and the network, not this client's start-up,
 * connection set-up or thread scheduling before the request was written. One instance per attempt; OkHttp calls it on
 * the thread that runs the call.
 */
final class CallTimer extends EventListener {
    private volatile long connectStart;
    private volatile long connectEnd;
    private volatile long secureStart;
    private volatile long secureEnd;
    private volatile long acquired;
    private volatile long requestStart;
    private volatile long responseHeaders;
    private volatile long responseBodyEnd;

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        connectStart = System.nanoTime();
    }

    @Override
    public void secureConnectStart(Call call) {
        secureStart = System.nanoTime();
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) {
        secureEnd = System.nanoTime();
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
        connectEnd = System.nanoTime();
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
        acquired = System.nanoTime();
    }

    @Override
    public void requestHeadersStart(Call call) {
        requestStart = System.nanoTime();
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        responseHeaders = System.nanoTime();
    }

    @Override
    public void responseBodyEnd(Call call, long byteCount) {
        responseBodyEnd = System.nanoTime();
    }

    /** When the request started to go out on the wire, or {@code fallback} when it never did. */
    long originNanos(long fallback) {
        long t = requestStart;
        return t == 0 ? fallback : t;
    }

    /** When the response headers had arrived, or 0. */
    long responseHeadersNanos() {
        return responseHeaders;
    }

    /** When the last byte of the body arrived (the body was read to its end), or 0. */
    long responseBodyEndNanos() {
        return responseBodyEnd;
    }

    Long connectMs() {
        return connectStart == 0 || connectEnd == 0 ? null : TimeUnit.NANOSECONDS.toMillis(connectEnd - connectStart);
    }

    Long tlsMs() {
        return secureStart == 0 || secureEnd == 0 ? null : TimeUnit.NANOSECONDS.toMillis(secureEnd - secureStart);
    }

    /** Whether this attempt ran on a connection taken from the pool (none was opened for it). */
    boolean reusedConnection() {
        return acquired != 0 && connectStart == 0;
    }

    /**
     * Whether {@code e} is the failure of a pooled connection the server had already closed: the attempt ran on a
     * connection from the pool, no response headers arrived, and the failure is the connection itself (end of stream,
     * reset, broken pipe) — not a timeout or a cancel (the server may be working on it), not a malformed answer
     * (bytes of an answer arrived). Sending such a request again on a new connection is the one retry a smoke test
     * allows itself: a server that closes an idle connection has not read the request written into it.
     */
    boolean failedOnStaleConnection(IOException e) {
        return reusedConnection() && responseHeaders == 0 && !(e instanceof InterruptedIOException)
                && !(e instanceof ProtocolException);
    }
}
