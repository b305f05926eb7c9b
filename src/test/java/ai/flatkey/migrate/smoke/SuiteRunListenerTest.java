package ai.flatkey.migrate.smoke;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SuiteRun watches the run's events for a silent target (issue 17, case 7), and a replay relabels them, through
 * listeners that pass every event on to the face's own (the CLI's lines, the wizard's live view): one not passed on
 * would silently vanish there. They extend {@link SuiteRun.Forwarding}, which must forward every event.
 */
class SuiteRunListenerTest {
    @Test
    void forwardingPassesOnEveryEventOfTheListener() throws Exception {
        Method[] events = Arrays.stream(SuiteRun.Listener.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers())).toArray(Method[]::new);
        assertThat(events).extracting(Method::getName).contains("onSilent", "onRunFinished", "onFinished", "onMedia");
        for (Method event : events) {
            assertThat(SuiteRun.Forwarding.class.getDeclaredMethod(event.getName(), event.getParameterTypes()))
                    .as("Forwarding overrides %s", event.getName()).isNotNull();
        }
        assertThat(Class.forName(SuiteRun.class.getName() + "$SilenceWatch").getSuperclass())
                .isEqualTo(SuiteRun.Forwarding.class);
    }
}
