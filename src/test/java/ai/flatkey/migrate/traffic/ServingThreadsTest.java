package ai.flatkey.migrate.traffic;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ServingThreadsTest {

    @Test
    void callsOneAfterAnotherReuseAnIdleThread() throws Exception {
        ServingThreads pool = ServingThreads.create(256, 30, "t-");
        try {
            Set<String> names = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 50; i++) {
                CountDownLatch done = new CountDownLatch(1);
                pool.execute(() -> {
                    names.add(Thread.currentThread().getName());
                    done.countDown();
                });
                assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
                waitIdle(pool);
            }
            // a fixed pool of 256 started a thread for each of the 50 calls
            assertThat(pool.getLargestPoolSize()).isLessThanOrEqualTo(ServingThreads.CORE);
            assertThat(names.size()).isLessThanOrEqualTo(ServingThreads.CORE);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void busyThreadsMakeNewOnesUpToTheMaximumThenCallsWaitInLine() throws Exception {
        ServingThreads pool = ServingThreads.create(8, 30, "t-");
        try {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(8);
            AtomicInteger ran = new AtomicInteger();
            for (int i = 0; i < 20; i++) {
                pool.execute(() -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ran.incrementAndGet();
                });
            }
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue(); // 8 at once: none waited behind a busy one
            assertThat(pool.getPoolSize()).isEqualTo(8);
            assertThat(pool.getQueue()).hasSize(12);
            release.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ran.get()).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void waitIdle(ServingThreads pool) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pool.getActiveCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }
}
