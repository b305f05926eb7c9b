package ai.flatkey.migrate.demo;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoConfigTest {

    @Test
    void defaultsToLoopbackAnEphemeralPortAndTheDemoKey() {
        DemoConfig config = DemoConfig.defaults();

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.tokensPerSecond()).isEqualTo(40);
        assertThat(config.firstTokenDelayMs()).isZero();
        assertThat(config.listFaultModels()).isFalse();
        assertThat(config.keys()).containsExactlyInAnyOrder(DemoGateway.DEMO_KEY, DemoGateway.DEMO_KEY_LOW_QUOTA,
                DemoGateway.DEMO_KEY_RATE_LIMITED);
        assertThat(DemoGateway.DEMO_KEY).isEqualTo("sk-demo-flatkey-local-0001");
        assertThat(DemoGateway.DEMO_KEY_LOW_QUOTA).isEqualTo("sk-demo-flatkey-lowquota-0002");
        assertThat(DemoGateway.DEMO_KEY_RATE_LIMITED).isEqualTo("sk-demo-flatkey-ratelimit-0003");
    }

    @Test
    void withersChangeOneComponent() {
        DemoConfig config = DemoConfig.defaults().withPort(8787).withTokensPerSecond(0).withFirstTokenDelayMs(200)
                .withFaultModelsListed(true);

        assertThat(config.port()).isEqualTo(8787);
        assertThat(config.tokensPerSecond()).isZero();
        assertThat(config.firstTokenDelayMs()).isEqualTo(200);
        assertThat(config.listFaultModels()).isTrue();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.keys()).isEqualTo(DemoGateway.DEMO_KEYS);
        assertThat(new DemoConfig("127.0.0.1", 0, 40, Set.of(DemoGateway.DEMO_KEY)).firstTokenDelayMs()).isZero();
    }

    @Test
    void copiesItsKeys() {
        Set<String> keys = new HashSet<>(Set.of("sk-fake-test-key-000000001"));
        DemoConfig config = DemoConfig.defaults().withKeys(keys);
        keys.add("sk-fake-test-key-000000002");

        assertThat(config.keys()).containsExactly("sk-fake-test-key-000000001");
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> DemoConfig.defaults().withPort(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoConfig.defaults().withPort(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoConfig.defaults().withKeys(Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoConfig.defaults().withKeys(Set.of(" sk-fake ")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DemoConfig(" ", 0, 40, Set.of(DemoGateway.DEMO_KEY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoConfig.defaults().withFirstTokenDelayMs(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringDoesNotPrintKeys() {
        assertThat(DemoConfig.defaults().toString()).doesNotContain(DemoGateway.DEMO_KEY)
                .doesNotContain(DemoGateway.DEMO_KEY_LOW_QUOTA).contains("3 key(s)");
    }
}
