package ai.flatkey.migrate.ui.support;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The computed values behave like JavaFX's Bindings.createXBinding: lazy, invalidated by dependencies, safe on error. */
class BindTest {

    @Test
    void recomputesWhenADependencyChangesAndOnlyWhenAsked() {
        SimpleStringProperty name = new SimpleStringProperty("plan");
        SimpleIntegerProperty count = new SimpleIntegerProperty(1);
        AtomicInteger computed = new AtomicInteger();
        StringBinding text = Bind.text(() -> {
            computed.incrementAndGet();
            return name.get() + " × " + count.get();
        }, name, count);
        assertThat(text.get()).isEqualTo("plan × 1");
        assertThat(text.get()).isEqualTo("plan × 1");
        assertThat(computed).hasValue(1);
        name.set("demo");
        count.set(3);
        assertThat(computed).hasValue(1);
        assertThat(text.get()).isEqualTo("demo × 3");
        assertThat(computed).hasValue(2);
    }

    @Test
    void flagAndNumberFollowTheirDependencies() {
        SimpleIntegerProperty n = new SimpleIntegerProperty(0);
        BooleanBinding positive = Bind.flag(() -> n.get() > 0, n);
        DoubleBinding half = Bind.number(() -> n.get() / 2.0, n);
        assertThat(positive.get()).isFalse();
        n.set(5);
        assertThat(positive.get()).isTrue();
        assertThat(half.get()).isEqualTo(2.5);
    }

    @Test
    void aFailingFunctionGivesTheEmptyValue() {
        SimpleIntegerProperty n = new SimpleIntegerProperty(0);
        assertThat(Bind.text(() -> String.valueOf(10 / n.get()), n).get()).isEmpty();
        assertThat(Bind.flag(() -> 10 / n.get() > 1, n).get()).isFalse();
        assertThat(Bind.number(() -> 10.0 / Integer.parseInt("x"), n).get()).isZero();
    }

    @Test
    void disposeStopsListening() {
        SimpleIntegerProperty n = new SimpleIntegerProperty(1);
        StringBinding text = Bind.text(() -> "n=" + n.get(), n);
        assertThat(text.get()).isEqualTo("n=1");
        text.dispose();
        n.set(2);
        assertThat(text.isValid()).isTrue();
        assertThat(text.get()).isEqualTo("n=1");
    }
}
