package ai.flatkey.migrate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailuresTest {
    private static final HttpUrl URL = HttpUrl.get("https://router.flatkey.ai/v1/chat/completions");
    private final Failures failures = new Failures(new ClientConfig("https://router.flatkey.ai/v1", Fixtures.KEY,
            Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(3)));

    private ApiException io(IOException e, boolean gotHeaders) {
        return failures.io(e, URL, false, gotHeaders, false, 0, "", null);
    }

    @Test
    void untrustedCertificateMentionsTheCustomCa() {
        SSLHandshakeException e = new SSLHandshakeException("PKIX path building failed");
        e.initCause(new CertificateException("unable to find valid certification path to requested target"));

        ApiException a = io(e, false);

        assertThat(a.kind()).isEqualTo(FailureKind.TLS);
        assertThat(a.getMessage()).contains("router.flatkey.ai").contains("corporate proxy").contains("CA bundle");
    }

    @Test
    void hostnameMismatchAndExpiryAreNamed() {
        assertThat(io(new SSLPeerUnverifiedException("Hostname router.flatkey.ai not verified"), false))
                .satisfies(a -> assertThat(a.kind()).isEqualTo(FailureKind.TLS))
                .satisfies(a -> assertThat(a.getMessage()).contains("does not match the host name"));
        SSLHandshakeException expired = new SSLHandshakeException("validity check failed");
        expired.initCause(new CertificateExpiredException("NotAfter: 2024"));
        assertThat(io(expired, false).getMessage()).contains("has expired");
    }

    @Test
    void timeoutsNameTheirBudget() {
        assertThat(io(new SocketTimeoutException("Connect timed out"), false).getMessage())
                .contains("10 s connect timeout");
        assertThat(io(new SocketTimeoutException("timeout"), false).getMessage()).contains("1 min read timeout");
        assertThat(io(new SocketTimeoutException("timeout"), true).getMessage()).contains("read timeout");
        assertThat(io(new InterruptedIOException("timeout"), true).getMessage()).contains("3 min call timeout");
        assertThat(io(new InterruptedIOException("timeout"), true).kind()).isEqualTo(FailureKind.TIMEOUT);
    }

    @Test
    void wrappedConnectExceptionIsRefused() {
        IOException wrapped = new IOException("Failed to connect", new ConnectException("Connection refused"));

        ApiException a = io(wrapped, false);

        assertThat(a.kind()).isEqualTo(FailureKind.NETWORK);
        assertThat(a.getMessage()).contains("nothing is listening at router.flatkey.ai:443");
    }

    @Test
    void cancellationWinsOverTheExceptionType() {
        ApiException a = failures.io(new SocketTimeoutException("timeout"), URL, true, false, false, 0, "", null);

        assertThat(a.kind()).isEqualTo(FailureKind.CANCELLED);
    }

    @Test
    void repeatedVersionPrefixIsNamed() {
        Failures doubled = new Failures(ClientConfig.of("https://router.flatkey.ai/v1/v1", null));

        assertThat(doubled.wrongPathHint(false)).contains("repeats its version prefix");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Unsupported parameter: 'max_tokens' is not supported with this model.   | max_tokens",
            "Unrecognized request argument supplied: foo_bar                           | foo_bar",
            "Unknown parameter: 'stream_options'.                                      | stream_options",
            "'logprobs' is not supported for this model                                | logprobs",
            "[\"body\", \"seed\"] Extra inputs are not permitted                       | seed",
    })
    void unsupportedParameterIsFoundInTheMessage(String message, String param) {
        ErrorBody body = new ErrorBody(ErrorBody.Shape.JSON_ERROR, message, "", "", "", "");

        assertThat(Failures.unsupportedParameter(body)).isEqualTo(param);
    }

    @Test
    void plainValidationErrorsAreNotUnsupportedParameters() {
        ErrorBody body = new ErrorBody(ErrorBody.Shape.JSON_ERROR, "messages must not be empty", "", "", "", "");

        assertThat(Failures.unsupportedParameter(body)).isNull();
        assertThat(Failures.isModelNotFound(body, "gpt-test", 400)).isFalse();
    }

    @Test
    void retryAfterForms() {
        assertThat(Failures.retryAfter(Headers.of("retry-after", "3"))).isEqualTo("retry-after: 3 s");
        assertThat(Failures.retryAfter(Headers.of("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")))
                .isEqualTo("retry-after: Wed, 21 Oct 2026 07:28:00 GMT");
        assertThat(Failures.retryAfter(Headers.of("retry-after", "3", "retry-after-ms", "2500")))
                .isEqualTo("retry-after-ms: 2500");
        assertThat(Failures.retryAfter(Headers.of())).isEmpty();
    }

    @Test
    void durationsReadNaturally() {
        assertThat(Failures.human(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Failures.human(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Failures.human(Duration.ofSeconds(60))).isEqualTo("1 min");
        assertThat(Failures.human(Duration.ZERO)).isEqualTo("unlimited");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(FailureKind.class)
    void everyKindHasAHeadlineAndAdvice(FailureKind kind) {
        assertThat(Failures.headline(kind)).isNotBlank();
        String what = Failures.whatToDo(kind, null);
        if (kind == FailureKind.CANCELLED) {
            assertThat(what).isEmpty();
        } else {
            assertThat(what).isNotBlank().endsWith(".").doesNotContain("null");
        }
    }

    @Test
    void adviceNamesTheProxyWhenThereIsOne() {
        assertThat(Failures.whatToDo(FailureKind.NETWORK, "proxy.corp:3128")).contains("through the proxy proxy.corp:3128");
        assertThat(Failures.whatToDo(FailureKind.NETWORK, " ")).contains("whether you need a proxy (HTTPS_PROXY)");
        assertThat(Failures.whatToDo(FailureKind.NON_JSON_BODY, "proxy.corp:3128")).contains("the proxy proxy.corp:3128 rewrote");
        assertThat(Failures.headline(FailureKind.WRONG_PATH)).isEqualTo("Wrong base URL path");
    }

    @Test
    void newApisUnknownModel503IsModelNotFoundNotAnOutage() {
        ApiException e = failures.http(503, Headers.of("X-Oneapi-Request-Id", "20260101120000123456789abcdEFGH"),
                ErrorBody.parse("{\"error\":{\"code\":\"model_not_found\",\"message\":\"No available channel for model"
                        + " gpt-nope under group default (distributor)\",\"type\":\"new_api_error\"}}", "application/json"),
                "20260101120000123456789abcdEFGH", "gpt-nope", URL);
        assertThat(e.kind()).isEqualTo(FailureKind.MODEL_NOT_FOUND);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).contains("gpt-nope", "No available channel", "SDKs retry a 503", "looks like an outage");

        ApiException outage = failures.http(503, Headers.of(), ErrorBody.parse("{\"error\":{\"message\":\"upstream"
                + " overloaded\",\"type\":\"server_error\"}}", "application/json"), "", "gpt-5.5", URL);
        assertThat(outage.kind()).as("a 503 without model_not_found is still the server").isEqualTo(FailureKind.SERVER_ERROR);
    }

    private ApiException answer(int status, String body) {
        return failures.http(status, Headers.of(), ErrorBody.parse(body, "application/json"), "req_1", "acme-chat-1", URL);
    }

    @Test
    void a5xxNamingAMissingFeatureIsARefusalInTheServersWordsNotRetryLater() {
        ApiException a = answer(500, "{\"error\":{\"message\":\"tools are not supported for this model\"}}");
        assertThat(a.kind()).isEqualTo(FailureKind.UNSUPPORTED_PARAMETER);
        assertThat(a.getMessage()).isEqualTo("The gateway answered HTTP 500 naming something it does not support: "
                + "\"tools are not supported for this model\". Retrying will not help: leave that input or parameter "
                + "out for this model, or pick a model that supports it.");
        assertThat(answer(501, "{\"error\":{\"message\":\"vision not implemented\"}}").kind())
                .isEqualTo(FailureKind.UNSUPPORTED_PARAMETER);
    }

    @Test
    void a5xxThatNamesNoFeatureStaysAServerError() {
        assertThat(answer(503, "{\"error\":{\"message\":\"overloaded\"}}").getMessage())
                .isEqualTo("The gateway failed with HTTP 503: \"overloaded\". This is a server-side problem: retry later, "
                        + "and report it (request ID req_1) if it persists.");
        assertThat(Failures.namesMissingFeature("No available channel for model x under group default (distributor)"))
                .isFalse();
        assertThat(Failures.namesMissingFeature("image input is not supported")).isTrue();
    }
}
