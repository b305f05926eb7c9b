package ai.flatkey.migrate.smoke;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the shape of a configured base URL says before any request: whether it already ends in an endpoint path (the
 * SDK appends it again: {@code /v1/chat/completions/chat/completions}) or lacks a version prefix such as {@code /v1}.
 */
final class BaseUrls {
    /** Endpoint paths the OpenAI SDKs append to the base URL, longest first. */
    static final List<String> ENDPOINT_PATHS = List.of("/chat/completions", "/completions", "/responses", "/embeddings",
            "/models");
    private static final Pattern VERSION = Pattern.compile("(?i).*/(v\\d+[a-z0-9]*|openai|api)(/.*)?");

    /**
     * @param doubledPath    the base URL ends in an endpoint path
     * @param missingVersion the path has no version segment ({@code /v1}, {@code /v1beta/openai}, {@code /api/v1})
     * @param fixedUrl       the base URL as it should likely be
     */
    record Diagnosis(boolean doubledPath, boolean missingVersion, String fixedUrl) {
        String advice() {
            if (doubledPath) {
                return "The base URL already ends in an endpoint path, so the SDK doubles it: set the base URL to "
                        + fixedUrl + ".";
            }
            if (missingVersion) {
                return "The base URL lacks the API prefix: set it to " + fixedUrl + ".";
            }
            return "";
        }
    }

    private BaseUrls() {
    }

    static Diagnosis diagnose(String baseUrl) {
        String url = baseUrl == null ? "" : baseUrl.strip().replaceAll("/+$", "");
        String path;
        try {
            path = URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            return new Diagnosis(false, false, url);
        }
        path = path == null ? "" : path;
        String lower = path.toLowerCase(Locale.ROOT);
        for (String endpoint : ENDPOINT_PATHS) {
            if (lower.endsWith(endpoint)) {
                return new Diagnosis(true, false, url.substring(0, url.length() - endpoint.length()));
            }
        }
        boolean missing = !VERSION.matcher(path).matches();
        return new Diagnosis(false, missing, missing ? url + "/v1" : url);
    }
}
