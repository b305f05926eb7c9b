package ai.flatkey.migrate.traffic;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The proxy's threads: at most {@code max} calls served at once, more wait in line (unbounded), and a call is given to
 * an idle thread when there is one. A plain fixed pool ({@code core = max}) starts a new thread for every call until
 * it holds {@code max} threads, even with threads idle — the recording proxy started one on nearly every call of a
 * quiet app (each start on that call's way to the upstream), and under a steady load cycled through all 256. Here a
 * thread is started only when every thread is busy (the way Tomcat's executor queue decides); threads beyond
 * {@link #CORE} end after {@code keepAlive} idle.
 */
final class ServingThreads extends ThreadPoolExecutor {
    /** Threads kept while idle. */
    static final int CORE = 4;

    private final AtomicInteger submitted = new AtomicInteger();

    private ServingThreads(int max, long keepAliveSeconds, Line line, String name) {
        super(Math.min(CORE, max), max, keepAliveSeconds, TimeUnit.SECONDS, line, daemons(name), (r, pool) -> {
            if (pool.isShutdown()) {
                throw new RejectedExecutionException("the recording proxy is closed");
            }
            ((Line) pool.getQueue()).force(r);
        });
        line.pool = this;
    }

    /** A pool of at most {@code max} threads named {@code name-N}. */
    static ServingThreads create(int max, long keepAliveSeconds, String name) {
        return new ServingThreads(max, keepAliveSeconds, new Line(), name);
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void execute(Runnable command) {
        submitted.incrementAndGet();
        try {
            super.execute(command);
        } catch (RejectedExecutionException e) {
            submitted.decrementAndGet();
            throw e;
        }
    }

    @Override
    protected void afterExecute(Runnable r, Throwable t) {
        submitted.decrementAndGet();
    }

    /** The line of waiting calls: refuses a call (so that a thread is started) only while no thread is idle. */
    private static final class Line extends LinkedBlockingQueue<Runnable> {
        private static final long serialVersionUID = 1L;
        private transient ServingThreads pool;

        @Override
        public boolean offer(Runnable r) {
            ServingThreads p = pool;
            if (p == null || p.getPoolSize() >= p.getMaximumPoolSize() || p.submitted.get() <= p.getPoolSize()) {
                return super.offer(r); // at the maximum, or a thread is idle to take it
            }
            return false; // every thread busy, room for another: the pool starts one
        }

        void force(Runnable r) {
            super.offer(r);
        }
    }
}
