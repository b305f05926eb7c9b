package ai.flatkey.migrate.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Run in a child JVM by {@link DemoGatewayLifecycleTest}: starts a gateway, serves one request, and returns from
 * {@code main} without closing it. The JVM must still exit, because every gateway thread is a daemon.
 */
public final class UnclosedGatewayMain {

    private UnclosedGatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        DemoGateway gateway = DemoGateway.start(DemoConfig.defaults());
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/models"))
                        .header("Authorization", "Bearer " + DemoGateway.DEMO_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("SERVED " + response.statusCode());
    }
}
