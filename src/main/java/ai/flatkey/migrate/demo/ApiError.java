package ai.flatkey.migrate.demo;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.Map;

/**
 * An OpenAI-style error answer: the status and {@code {"error":{"message","type","param","code"}}}, plus any
 * headers that belong to it (such as {@code retry-after} on a 429).
 */
record ApiError(int status, String message, String type, String param, String code, Map<String, String> headers) {

    ApiError {
        headers = Map.copyOf(headers);
    }

    static ApiError invalidRequest(int status, String message, String param, String code) {
        return new ApiError(status, message, "invalid_request_error", param, code, Map.of());
    }

    ApiError withHeaders(Map<String, String> extra) {
        return new ApiError(status, message, type, param, code, extra);
    }

    JsonObject body() {
        JsonObject error = new JsonObject();
        error.addProperty("message", message);
        error.addProperty("type", type);
        error.add("param", param == null ? JsonNull.INSTANCE : new JsonPrimitive(param));
        error.add("code", code == null ? JsonNull.INSTANCE : new JsonPrimitive(code));
        JsonObject root = new JsonObject();
        root.add("error", error);
        return root;
    }
}
