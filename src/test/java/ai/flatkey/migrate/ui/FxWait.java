package ai.flatkey.migrate.ui;

import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** The UI tests' way to read state on the FX thread and to wait for a condition there (no sleeps). */
public final class FxWait {

    private FxWait() {
    }

    /** {@code c} run on the FX thread, its result (fails the test after 10 s or on an exception). */
    public static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits up to 30 s until {@code condition}, evaluated on the FX thread, holds. */
    public static void waitFor(Callable<Boolean> condition) throws Exception {
        waitFor(30, condition);
    }

    /** Waits up to {@code seconds} until {@code condition}, evaluated on the FX thread, holds. */
    public static void waitFor(long seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
    }
}
