package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.scan.Confidence;
import ai.flatkey.migrate.scan.Proposal;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters and message shapes of one recorded request body, in the words of the inventory
 * ({@code stream: true}, {@code max_completion_tokens: 512}, {@code role developer}, {@code image parts}), and the
 * plan field each one proposes a value for.
 */
final class TrafficParameters {
    /** Parameters whose value is shown; every other named one is shown by name only. */
    private static final List<String> VALUED = List.of("stream", "temperature", "max_tokens", "max_completion_tokens",
            "max_output_tokens", "seed", "tool_choice", "parallel_tool_calls", "encoding_format", "reasoning_effort");
    private static final List<String> NAMED = List.of("tools", "top_p", "n", "stop", "logprobs", "user", "metadata",
            "store", "prediction", "modalities", "audio", "dimensions");

    private TrafficParameters() {
    }

    /** The parameters a body sets, e.g. {@code stream: true}, {@code response_format: json_schema}, {@code tools}. */
    static List<String> of(JsonObject body) {
        List<String> out = new ArrayList<>();
        for (String p : VALUED) {
            String v = value(body.get(p));
            if (v != null) {
                out.add(p + ": " + v);
            }
        }
        for (String p : NAMED) {
            if (body.has(p) && !body.get(p).isJsonNull()) {
                out.add(p);
            }
        }
        JsonElement options = body.get("stream_options");
        if (options instanceof JsonObject o && o.has("include_usage")) {
            out.add("stream_options.include_usage: " + value(o.get("include_usage")));
        }
        JsonElement format = body.get("response_format");
        if (format == null && body.get("text") instanceof JsonObject text) {
            format = text.get("format");
        }
        if (format instanceof JsonObject f && value(f.get("type")) != null) {
            out.add("response_format: " + value(f.get("type")));
        }
        return out;
    }

    /** The message shapes a body shows: roles beyond user and assistant, multi-part content, image and audio parts. */
    static Set<String> messageShapes(JsonObject body) {
        Set<String> out = new LinkedHashSet<>();
        JsonElement messages = body.has("messages") ? body.get("messages") : body.get("input");
        if (messages == null || !messages.isJsonArray()) {
            return out;
        }
        for (JsonElement m : messages.getAsJsonArray()) {
            if (!(m instanceof JsonObject msg)) {
                continue;
            }
            String role = value(msg.get("role"));
            if (role != null) {
                out.add("role " + role);
            }
            JsonElement content = msg.get("content");
            if (content != null && content.isJsonArray()) {
                for (JsonElement part : content.getAsJsonArray()) {
                    String type = part instanceof JsonObject o ? value(o.get("type")) : null;
                    if (type != null && (type.contains("image") || type.contains("audio") || type.contains("file"))) {
                        out.add(type.contains("image") ? "image parts" : type.contains("audio") ? "audio parts"
                                : "file parts");
                    } else if (type != null) {
                        out.add("multi-part content");
                    }
                }
            }
        }
        return out;
    }

    /** The mapping feature a parameter shows the model uses, if any. */
    static Optional<String> feature(String parameter) {
        return switch (parameter) {
            case "stream: true" -> Optional.of("streaming");
            case "tools" -> Optional.of("tools");
            case "response_format: json_object" -> Optional.of("json");
            case "response_format: json_schema" -> Optional.of("json_schema");
            default -> Optional.empty();
        };
    }

    /** What a parameter proposes for the plan's parameters, with its evidence. */
    static List<Proposal> proposals(String parameter, String evidence) {
        int colon = parameter.indexOf(": ");
        String name = colon < 0 ? parameter : parameter.substring(0, colon);
        String value = colon < 0 ? "true" : parameter.substring(colon + 2);
        List<Proposal> out = new ArrayList<>();
        Proposal.Target target = switch (name) {
            case "stream" -> "true".equals(value) ? Proposal.Target.STREAM : null;
            case "tools" -> Proposal.Target.TOOLS;
            case "temperature" -> Proposal.Target.TEMPERATURE;
            case "max_tokens", "max_completion_tokens", "max_output_tokens" -> Proposal.Target.MAX_TOKENS;
            case "seed" -> Proposal.Target.SEED;
            case "response_format" -> value.startsWith("json") ? Proposal.Target.RESPONSE_FORMAT : null;
            default -> null;
        };
        if (target == null) {
            return out;
        }
        String why = "the app sent " + parameter + (name.equals("max_completion_tokens")
                ? " (max_completion_tokens, not max_tokens: check the target accepts it)" : "");
        out.add(new Proposal("param:" + name + "=" + value, target, value, List.of(), "", Confidence.HIGH,
                List.of(evidence), why));
        if (target == Proposal.Target.RESPONSE_FORMAT) {
            out.add(new Proposal("param:jsonOutput", Proposal.Target.JSON_OUTPUT, "true", List.of(), "",
                    Confidence.HIGH, List.of(evidence), why));
        }
        return out;
    }

    private static String value(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonPrimitive()) {
            return e.getAsString();
        }
        if (e instanceof JsonObject o && o.get("type") != null) {
            return value(o.get("type")) + (o.get("function") instanceof JsonObject f && f.has("name")
                    ? " " + value(f.get("name")) : "");
        }
        return null;
    }
}
