package ai.flatkey.migrate.ui.support;

import javafx.beans.Observable;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.binding.StringBinding;

import java.util.concurrent.Callable;

/**
 * Computed values for the views and ViewModels: what {@code Bindings.createStringBinding} and its siblings do, without
 * loading {@code javafx.beans.binding.Bindings}. That class has some hundred nested classes, and a JVM that verifies
 * it (JavaFX from jars on the class path, as in development and in the start-up benchmark) loads them all: ~23 ms on
 * the way to the first frame.
 *
 * <p>As with {@code Bindings}: the value is computed lazily, recomputed when a dependency is invalidated, and a
 * function that throws gives the type's empty value ({@code ""}, {@code false}, {@code 0}) and a warning in the log.
 * ({@code getDependencies()}, which only debugging tools read, stays empty.)
 */
public final class Bind {

    private static final System.Logger LOG = System.getLogger(Bind.class.getName());

    private Bind() {
    }

    /** A string computed by {@code f} from {@code dependencies}. */
    public static StringBinding text(Callable<String> f, Observable... dependencies) {
        return new StringBinding() {
            {
                bind(dependencies);
            }

            @Override
            protected String computeValue() {
                try {
                    return f.call();
                } catch (Exception e) {
                    return failed(e, "");
                }
            }

            @Override
            public void dispose() {
                unbind(dependencies);
            }
        };
    }

    /** A boolean computed by {@code f} from {@code dependencies}. */
    public static BooleanBinding flag(Callable<Boolean> f, Observable... dependencies) {
        return new BooleanBinding() {
            {
                bind(dependencies);
            }

            @Override
            protected boolean computeValue() {
                try {
                    return f.call();
                } catch (Exception e) {
                    return failed(e, false);
                }
            }

            @Override
            public void dispose() {
                unbind(dependencies);
            }
        };
    }

    /** A number computed by {@code f} from {@code dependencies}. */
    public static DoubleBinding number(Callable<Double> f, Observable... dependencies) {
        return new DoubleBinding() {
            {
                bind(dependencies);
            }

            @Override
            protected double computeValue() {
                try {
                    return f.call();
                } catch (Exception e) {
                    return failed(e, 0.0);
                }
            }

            @Override
            public void dispose() {
                unbind(dependencies);
            }
        };
    }

    private static <T> T failed(Exception e, T empty) {
        LOG.log(System.Logger.Level.WARNING, "a computed value failed; shown empty", e);
        return empty;
    }
}
