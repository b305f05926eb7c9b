package ai.flatkey.migrate.wire;

import static ai.flatkey.migrate.wire.Fixtures.KEY;
import static ai.flatkey.migrate.wire.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proxies from environment variables, and a custom CA bundle on top of the system trust (TLS always verified). */
class NetworkConfigTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    @TempDir
    static Path dir;
    private static Path keystore;
    private static Path caPem;

    /** A self-signed certificate for 127.0.0.1, made with the JDK's keytool (no test-only TLS library needed). */
    @BeforeAll
    static void makeCertificate() throws Exception {
        keystore = dir.resolve("gateway.p12");
        caPem = dir.resolve("ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "gw", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore",
                keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "gw", "-keystore", keystore.toString(), "-storepass",
                "changeit", "-file", caPem.toString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private void serveTls() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server.useHttps(ctx.getSocketFactory());
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    private OpenAiClient client(OkHttpClient http, String baseUrl) {
        return new OpenAiClient(http, new ClientConfig(baseUrl, KEY, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(20)));
    }

    @Test
    void aPrivateCaIsTrustedOnlyWithItsBundle() throws Exception {
        serveTls();
        server.enqueue(json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"m\"}]}"));
        server.enqueue(json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"m\"}]}"));
        String base = "https://127.0.0.1:" + server.getPort() + "/v1";

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client(OpenAiClient.newHttpClient(NetworkConfig.direct()), base).listModels(null));
        ModelList ok = client(OpenAiClient.newHttpClient(NetworkConfig.direct().withCaBundle(caPem)), base)
                .listModels(null);

        assertThat(e.kind()).isEqualTo(FailureKind.TLS);
        assertThat(e.getMessage()).isEqualTo("The TLS certificate of 127.0.0.1 is not trusted by this Java runtime: "
                + "if a corporate proxy or a private gateway uses its own certificate authority, add that CA bundle "
                + "(custom CA setting); verification is not turned off.");
        assertThat(ok.models()).extracting(ModelInfo::id).containsExactly("m");
        assertThat(ok.transcript().timing().tlsMs()).as("TLS handshake time").isNotNull();
    }

    @Test
    void theBundleAddsToTheSystemTrustInsteadOfReplacingIt() throws Exception {
        String twice = Files.readString(caPem) + "\nsome text between blocks\n" + Files.readString(caPem);
        Path bundle = Files.writeString(dir.resolve("two.pem"), twice);

        int system = TrustBundle.systemTrust().getAcceptedIssuers().length;
        int merged = TrustBundle.withBundle(bundle).getAcceptedIssuers().length;

        assertThat(TrustBundle.read(bundle)).hasSize(2);
        assertThat(system).isPositive();
        assertThat(merged).as("the same certificate twice is trusted once, next to every system CA")
                .isEqualTo(system + 1);
    }

    @Test
    void badBundlesAreNamedPlainly() throws Exception {
        Path missing = dir.resolve("nope.pem");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate");
        Path damaged = Files.writeString(dir.resolve("bad.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> OpenAiClient.newHttpClient(NetworkConfig.direct().withCaBundle(missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The CA bundle " + missing + " does not exist: check the path of the PEM file.");
        assertThatThrownBy(() -> OpenAiClient.newHttpClient(NetworkConfig.direct().withCaBundle(empty)))
                .hasMessage("The CA bundle " + empty + " holds no PEM certificate: it must contain one or more blocks "
                        + "starting with -----BEGIN CERTIFICATE----- (export the CA as PEM, not DER).");
        assertThatThrownBy(() -> OpenAiClient.newHttpClient(NetworkConfig.direct().withCaBundle(damaged)))
                .hasMessage("The CA bundle " + damaged + " holds a damaged certificate (number 1): export the CA "
                        + "again as PEM.");
    }

    @Test
    void httpProxyFromTheEnvironmentCarriesTheRequest() throws Exception {
        server.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
                .build());
        server.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}"));
        OkHttpClient http = OpenAiClient.newHttpClient(new NetworkConfig(Map.of(
                "HTTP_PROXY", "http://alice:s3cret@127.0.0.1:" + server.getPort()), null));

        ModelList list = client(http, "http://api.example.test/v1").listModels(null);

        RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(first.getRequestLine()).isEqualTo("GET http://api.example.test/v1/models HTTP/1.1");
        assertThat(first.getHeaders().get("Proxy-Authorization")).isNull();
        assertThat(second.getHeaders().get("Proxy-Authorization")).isEqualTo("Basic YWxpY2U6czNjcmV0");
        assertThat(list.status()).isEqualTo(200);
    }

    @Test
    void httpsProxyIsAskedToTunnel() throws Exception {
        server.enqueue(new MockResponse.Builder().code(403).build());
        OkHttpClient http = OpenAiClient.newHttpClient(new NetworkConfig(Map.of(
                "https_proxy", "127.0.0.1:" + server.getPort(), "HTTPS_PROXY", "http://10.255.255.1:1"), null));

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client(http, "https://api.example.test/v1").listModels(null));

        RecordedRequest connect = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(connect.getMethod()).isEqualTo("CONNECT");
        assertThat(connect.getTarget()).isEqualTo("api.example.test:443");
        assertThat(e.kind()).isEqualTo(FailureKind.NETWORK);
    }

    @Test
    void noProxyRulesAndLoopback() {
        EnvProxySelector s = new EnvProxySelector(Map.of("HTTPS_PROXY", "http://proxy.corp:3128",
                "HTTP_PROXY", "proxy.corp:8080", "NO_PROXY", "internal.corp, .svc.local,10.0.0.0/8,example.org:8443"));

        assertThat(s.select(URI.create("https://router.flatkey.ai/v1")))
                .containsExactly(new Proxy(Proxy.Type.HTTP, java.net.InetSocketAddress.createUnresolved("proxy.corp", 3128)));
        assertThat(s.describe(URI.create("http://api.example.test/"))).isEqualTo("proxy.corp:8080");
        for (String direct : List.of("https://internal.corp/v1", "https://gw.internal.corp/v1", "https://a.svc.local/",
                "https://svc.local/", "http://10.1.2.3/v1", "https://example.org:8443/", "http://127.0.0.1:8080/v1",
                "http://localhost:1234/v1", "http://[::1]:80/")) {
            assertThat(s.select(URI.create(direct))).as(direct).containsExactly(Proxy.NO_PROXY);
        }
        assertThat(s.describe(URI.create("https://example.org/"))).as("another port").isEqualTo("proxy.corp:3128");
        assertThat(s.describe(URI.create("https://notinternal.corp/"))).isEqualTo("proxy.corp:3128");
        assertThat(new EnvProxySelector(Map.of("HTTPS_PROXY", "http://p:1", "no_proxy", "*"))
                .select(URI.create("https://x.test/"))).containsExactly(Proxy.NO_PROXY);
        assertThat(new EnvProxySelector(Map.of()).select(URI.create("https://x.test/"))).containsExactly(Proxy.NO_PROXY);
        assertThat(new NetworkConfig(Map.of("ALL_PROXY", "socks5://s:1080"), null).proxyFor("https://x.test/"))
                .isEqualTo("s:1080");
    }

    @Test
    void aProxyPasswordIsRedactedInWarningsAndText() {
        EnvProxySelector s = new EnvProxySelector(Map.of("HTTPS_PROXY", "ftp://bob:hunter22@proxy:21"));
        assertThat(s.warnings()).containsExactly("HTTPS_PROXY uses ftp://; the proxy is spoken to in plain HTTP (CONNECT).");
        assertThat(Redactor.redact("via http://bob:hunter22@proxy:3128 now"))
                .isEqualTo("via http://bob:[REDACTED]@proxy:3128 now");
    }
}
