package ai.flatkey.migrate.smoke;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SuiteRun watches the run's events for a silent target (issue 17, case 7) through a listener that passes every event
 * on to the face's own (the CLI's lines, the wizard's live view): one it did not pass on would silently vanish there.
 */
class SuiteRunListenerTest {
    @Test
    void theSilenceWatchPassesOnEveryEventOfTheListener() throws Exception {
        Class<?> watch = Class.forName(SuiteRun.class.getName() + "$SilenceWatch");
        Method[] events = Arrays.stream(SuiteRun.Listener.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers())).toArray(Method[]::new);
        assertThat(events).extracting(Method::getName).contains("onSilent", "onRunFinished", "onFinished");
        for (Method event : events) {
            assertThat(watch.getDeclaredMethod(event.getName(), event.getParameterTypes()))
                    .as("SilenceWatch overrides %s", event.getName()).isNotNull();
        }
    }
}
