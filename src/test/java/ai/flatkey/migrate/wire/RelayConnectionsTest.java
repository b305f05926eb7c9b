package ai.flatkey.migrate.wire;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relay keeps the upstream connections a burst of calls opened for the next burst: the recording proxy serving more
 * calls at once than the app's pool keeps idle (16) must not open a new upstream connection for some of each burst.
 */
class RelayConnectionsTest {
    private static final int AT_ONCE = 40;

    @Test
    void aSecondBurstOfCallsReusesEveryConnectionOfTheFirst() throws Exception {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        CountDownLatch[] together = {new CountDownLatch(AT_ONCE)};
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        ExecutorService serving = Executors.newCachedThreadPool();
        upstream.setExecutor(serving);
        upstream.createContext("/", ex -> {
            clientPorts.add(ex.getRemoteAddress().getPort());
            ex.getRequestBody().readAllBytes();
            together[0].countDown();
            try {
                together[0].await(10, TimeUnit.SECONDS); // every call of the burst in flight at once
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        upstream.start();
        ExecutorService apps = Executors.newFixedThreadPool(AT_ONCE);
        try (Transport http = Transport.over(OpenAiClient.newHttpClient(NetworkConfig.direct()))) {
            Relay relay = http.relay("http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1",
                    Duration.ofSeconds(5), Duration.ofSeconds(20));
            burst(relay, apps);
            assertThat(clientPorts).hasSize(AT_ONCE);
            together[0] = new CountDownLatch(AT_ONCE);
            burst(relay, apps);
            assertThat(clientPorts).as("connections to the upstream after two bursts of " + AT_ONCE)
                    .hasSize(AT_ONCE);
        } finally {
            apps.shutdownNow();
            upstream.stop(0);
            serving.shutdownNow();
        }
    }

    private static void burst(Relay relay, ExecutorService apps) throws Exception {
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            calls.add(apps.submit(() -> {
                Relay.Outgoing out = new Relay.Outgoing("POST", "/v1/chat/completions",
                        List.of(Map.entry("Content-Type", "application/json")), "{}".getBytes(StandardCharsets.UTF_8));
                try (Relay.Answer a = relay.send(out, new Cancellation()); InputStream in = a.body()) {
                    in.readAllBytes();
                    return a.status();
                }
            }));
        }
        for (Future<Integer> f : calls) {
            assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        }
    }
}
