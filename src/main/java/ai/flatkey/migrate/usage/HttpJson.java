package ai.flatkey.migrate.usage;

import ai.flatkey.migrate.wire.Redactor;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.util.Locale;

/** GET a JSON document from a gateway's usage route, with plain-language failures that never show the key. */
final class HttpJson {
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private final OkHttpClient http;
    private final String key;

    HttpJson(OkHttpClient http, String key) {
        this.http = http;
        this.key = key;
    }

    /** The JSON body, or null on 404 (the route or the record is not there). */
    JsonElement get(HttpUrl url, boolean bearer) throws UsageException {
        Request.Builder rb = new Request.Builder().url(url).header("Accept", "application/json");
        if (bearer && key != null) {
            rb.header("Authorization", "Bearer " + key);
        }
        String where = url.encodedPath();
        try (Response response = http.newCall(rb.build()).execute()) {
            ResponseBody body = response.body();
            String text = body.source().request(MAX_BYTES + 1) ? null : body.string();
            if (text == null) {
                throw new UsageException(where + " answered with more than " + (MAX_BYTES >> 20) + " MB; it was not read.", null);
            }
            int code = response.code();
            if (code == 404) {
                return null;
            }
            if (code == 401 || code == 403) {
                throw new UsageException(where + " refused the key (HTTP " + code + ")" + detail(text)
                        + ". The usage API may need a different key (some gateways use an admin or management key).", null);
            }
            if (code >= 400) {
                throw new UsageException(where + " answered HTTP " + code + detail(text) + ".", null);
            }
            String t = text.stripLeading();
            if (t.startsWith("<")) {
                throw new UsageException(where + " answered with a web page, not JSON: this gateway has no such usage API"
                        + " at this address.", null);
            }
            try {
                return JsonParser.parseString(text);
            } catch (RuntimeException e) {
                throw new UsageException(where + " did not answer with JSON.", e);
            }
        } catch (UnknownHostException e) {
            throw new UsageException("Could not resolve " + url.host() + " for " + where + ".", e);
        } catch (InterruptedIOException e) {
            throw new UsageException(where + " did not answer in time.", e);
        } catch (IOException e) {
            throw new UsageException(where + " could not be read: " + Redactor.redact(String.valueOf(e.getMessage()), key), e);
        }
    }

    private String detail(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.startsWith("<")) {
            return "";
        }
        String one = t.length() > 300 ? t.substring(0, 300) + "…" : t;
        return ": " + Redactor.redact(one.replace('\n', ' '), key);
    }

    /** The gateway's origin: the base URL without a trailing {@code /v1} (or {@code /api/v1}). */
    static HttpUrl origin(String baseUrl) throws UsageException {
        HttpUrl url = HttpUrl.parse(baseUrl == null ? "" : baseUrl.strip());
        if (url == null) {
            throw new UsageException("The base URL '" + baseUrl + "' is not an http(s) URL.", null);
        }
        String path = url.encodedPath().replaceAll("/+$", "");
        String lower = path.toLowerCase(Locale.ROOT);
        for (String suffix : new String[]{"/api/v1", "/v1"}) {
            if (lower.endsWith(suffix)) {
                path = path.substring(0, path.length() - suffix.length());
                break;
            }
        }
        return url.newBuilder().encodedPath(path.isEmpty() ? "/" : path + "/").query(null).build();
    }
}
