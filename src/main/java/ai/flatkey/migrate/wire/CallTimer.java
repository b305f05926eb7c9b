package ai.flatkey.migrate.wire;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Response;
import okio.AsyncTimeout;

/**
 * The network-layer clock of one HTTP attempt, from OkHttp's call events: when the request headers started to go
 * out, when the response headers and the last body byte arrived, connect and TLS time, and whether the connection
 * came from the pool. Figures taken from here measure the server and the network, not this client's start-up,
 * connection set-up or thread scheduling before the request was written. One instance per attempt; OkHttp calls it on
 * the thread that runs the call.
 * <p>
 * It also keeps the clock on the response headers (issue 17, case 7): from the moment the request starts to go out,
 * the whole header of the answer must arrive within the first-byte budget. A socket's read timeout alone does not
 * bound that: a server that sends its headers a byte at a time resets it with every byte, and only the call timeout
 * would end the exchange. When the headers are late, the call is cancelled and {@link #headersTimedOut()} says why.
 * The clock gives the socket's read timeout (the same budget, counted from the same moment) a short head start
 * ({@link #SILENCE_GRACE_MS}), so that a server that sent nothing at all is still reported as silent.
 */
final class CallTimer extends EventListener {
    /** What ends an exchange whose response headers did not all arrive within the first-byte budget. */
    static final class HeadersTimeout extends java.io.InterruptedIOException {
        private static final long serialVersionUID = 1L;

        HeadersTimeout(IOException cause) {
            super("the response headers did not arrive in time");
            initCause(cause);
        }
    }

    /** How much longer than the first-byte budget the clock runs (at most the budget itself); see the class comment. */
    static final long SILENCE_GRACE_MS = 1_000;

    /** When the clock on the response headers runs out, from the request's start; zero: no clock. */
    private final long headersBudgetMs;
    private AsyncTimeout headersClock;
    private volatile boolean headersTimedOut;
    private volatile long connectStart;
    private volatile long connectEnd;
    private volatile long secureStart;
    private volatile long secureEnd;
    private volatile long acquired;
    private volatile long requestStart;
    private volatile long responseHeaders;
    private volatile long responseBodyEnd;

    /**
     * @param headersBudget how long the response headers may take, from the request's start on the wire (the
     *                      first-byte budget); zero: no clock (the socket timeouts and the call timeout only)
     */
    CallTimer(Duration headersBudget) {
        long budget = Math.max(0, headersBudget.toMillis());
        this.headersBudgetMs = budget == 0 ? 0 : budget + Math.min(budget, SILENCE_GRACE_MS);
    }

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
        startHeadersClock(call);
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        responseHeaders = System.nanoTime();
        stopHeadersClock();
    }

    @Override
    public void responseFailed(Call call, IOException ioe) {
        stopHeadersClock();
    }

    @Override
    public void requestFailed(Call call, IOException ioe) {
        stopHeadersClock();
    }

    @Override
    public void callFailed(Call call, IOException ioe) {
        stopHeadersClock();
    }

    @Override
    public void callEnd(Call call) {
        stopHeadersClock();
    }

    @Override
    public void canceled(Call call) {
        stopHeadersClock();
    }

    /**
     * Starts (or, for a request sent again within the call — a redirect — restarts) the clock on the answer's headers:
     * when it runs out before they have all arrived, the call is cancelled.
     */
    private synchronized void startHeadersClock(Call call) {
        if (headersBudgetMs <= 0) {
            return;
        }
        stopHeadersClock();
        AsyncTimeout clock = new AsyncTimeout() {
            @Override
            protected void timedOut() {
                headersTimedOut = true;
                call.cancel();
            }
        };
        clock.timeout(headersBudgetMs, TimeUnit.MILLISECONDS);
        clock.enter();
        headersClock = clock;
    }

    private synchronized void stopHeadersClock() {
        if (headersClock != null) {
            headersClock.exit();
            headersClock = null;
        }
    }

    /** Whether the call was cancelled because its response headers did not all arrive within the first-byte budget. */
    boolean headersTimedOut() {
        return headersTimedOut;
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
        return reusedConnection() && responseHeaders == 0 && !headersTimedOut
                && !(e instanceof InterruptedIOException) && !(e instanceof ProtocolException);
    }
}
