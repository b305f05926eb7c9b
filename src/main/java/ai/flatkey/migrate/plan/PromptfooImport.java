package ai.flatkey.migrate.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A promptfoo config's OpenAI-provider tests as request checks: each test × provider (× prompt) is one check, its body
 * the prompt with the test's {@code vars} filled in, the provider's model and the request fields of its {@code config}
 * ({@code tools}, {@code response_format}, {@code temperature}, …); the assertions that have a request-check form are
 * mapped, and everything else (other providers, {@code javascript}, {@code llm-rubric}, …) is named in the report.
 */
public final class PromptfooImport {
    /** Provider config fields that are request body fields. */
    private static final Set<String> BODY_FIELDS = Set.of("temperature", "max_tokens", "max_completion_tokens",
            "max_output_tokens", "top_p", "frequency_penalty", "presence_penalty", "seed", "stop", "tools",
            "tool_choice", "parallel_tool_calls", "response_format", "reasoning_effort", "reasoning", "text",
            "instructions", "user", "logprobs", "top_logprobs", "n", "logit_bias", "store", "metadata", "modalities",
            "dimensions", "encoding_format", "truncation", "service_tier", "verbosity");
    private static final Set<String> CREDENTIALS = Set.of("apiKey", "apiKeyEnvar", "organization", "apiBaseUrl",
            "apiHost", "headers");
    private static final Pattern VAR = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);

    private PromptfooImport() {
    }

    /** Whether {@code root} is a promptfoo config: a mapping with {@code providers} or {@code prompts} and {@code tests}. */
    public static boolean looksLikePromptfoo(JsonElement root) {
        if (root == null || !root.isJsonObject()) {
            return false;
        }
        JsonObject o = root.getAsJsonObject();
        return !o.has("checks") && (o.has("providers") || o.has("prompts") && (o.has("tests") || o.has("defaultTest")));
    }

    private record Provider(String id, String label, String endpoint, String model, JsonObject config) {
        String shown() {
            return label.isEmpty() ? id : label;
        }
    }

    private record Prompt(String label, JsonElement template) {
    }

    /** The checks of a promptfoo config read as JSON; {@code file://} references are resolved against {@code dir}. */
    public static ForeignChecks read(JsonElement root, String fileName, Path dir) {
        ForeignChecks.Builder b = new ForeignChecks.Builder("promptfoo");
        JsonObject cfg = root.getAsJsonObject();
        for (String key : cfg.keySet()) {
            if (!Set.of("description", "prompts", "providers", "tests", "defaultTest", "outputPath", "evaluateOptions",
                    "sharing", "env", "commandLineOptions", "metadata", "writeLatestResults").contains(key)
                    && !key.startsWith("x-") && !key.startsWith("_")) {
                b.notes.add("top-level \"" + key + "\" not read (it is no part of a request check)");
            }
        }
        List<Provider> providers = providers(cfg.get("providers"), b);
        List<Prompt> prompts = prompts(cfg.get("prompts"), dir, b);
        JsonObject defaults = cfg.has("defaultTest") && cfg.get("defaultTest").isJsonObject()
                ? cfg.getAsJsonObject("defaultTest") : new JsonObject();
        for (String key : defaults.keySet()) {
            if (!Set.of("vars", "assert", "metadata").contains(key)) {
                b.notes.add("defaultTest: \"" + key + "\" not read (a request check has no form of it)");
            }
        }
        if (cfg.has("defaultTest") && !cfg.get("defaultTest").isJsonObject()) {
            b.notImported.add("defaultTest " + cfg.get("defaultTest") + ": only an inline defaultTest is read");
        }
        List<JsonObject> tests = tests(cfg.get("tests"), b);
        int index = 0;
        for (JsonObject test : tests) {
            index++;
            String title = test.has("description") ? text(test.get("description")) : "test " + index;
            for (String key : test.keySet()) {
                if (!Set.of("description", "vars", "assert", "providers", "metadata").contains(key)) {
                    b.notes.add("test \"" + title + "\": \"" + key + "\" not read (a request check has no form of it)");
                }
            }
            Map<String, String> vars = new LinkedHashMap<>();
            putVars(defaults.get("vars"), vars);
            putVars(test.get("vars"), vars);
            JsonArray asserts = new JsonArray();
            if (defaults.has("assert") && defaults.get("assert").isJsonArray()) {
                asserts.addAll(defaults.getAsJsonArray("assert"));
            }
            if (test.has("assert") && test.get("assert").isJsonArray()) {
                asserts.addAll(test.getAsJsonArray("assert"));
            }
            List<String> pinned = test.has("providers") && test.get("providers").isJsonArray()
                    ? test.getAsJsonArray("providers").asList().stream().map(PromptfooImport::text).toList() : null;
            List<Provider> chosen = providers.stream().filter(p -> pinned == null || pinned.stream()
                    .anyMatch(x -> matches(x, p))).toList();
            if (chosen.isEmpty()) {
                b.notImported.add("test \"" + title + "\": runs on no importable provider");
                continue;
            }
            for (Prompt prompt : prompts) {
                for (Provider p : chosen) {
                    String what = "test \"" + title + "\" × " + p.shown() + (prompts.size() > 1 ? " × prompt "
                            + prompt.label() : "");
                    String name = b.unique(slug(title) + (chosen.size() > 1 || providers.size() > 1
                            ? "-" + slug(p.shown()) : "") + (prompts.size() > 1 ? "-" + slug(prompt.label()) : ""));
                    JsonObject check = check(name, p, prompt, vars, asserts, what, b);
                    if (check != null) {
                        b.add(check, what);
                    }
                }
            }
        }
        return b.build();
    }

    /** The config's inline tests (one empty test when it has none); what is not inline is named in {@code b}. */
    private static List<JsonObject> tests(JsonElement t, ForeignChecks.Builder b) {
        List<JsonObject> tests = new ArrayList<>();
        if (t != null && t.isJsonArray()) {
            int i = 0;
            for (JsonElement e : t.getAsJsonArray()) {
                i++;
                if (e.isJsonObject()) {
                    tests.add(e.getAsJsonObject());
                } else {
                    b.notImported.add("test " + i + " (" + e + "): only inline tests are read (a file:// test list is"
                            + " not importable)");
                }
            }
        } else if (t != null) {
            b.notImported.add("tests " + t + ": only an inline list of tests is read (a file:// or CSV test list is"
                    + " not importable)");
        }
        if (tests.isEmpty() && t == null) {
            tests.add(new JsonObject());
        }
        return tests;
    }

    private static boolean matches(String pin, Provider p) {
        if (pin == null) {
            return false;
        }
        if (pin.endsWith("*")) {
            String prefix = pin.substring(0, pin.length() - 1);
            return p.label().startsWith(prefix) || p.id().startsWith(prefix);
        }
        return pin.equals(p.label()) || pin.equals(p.id());
    }

    private static JsonObject check(String name, Provider p, Prompt prompt, Map<String, String> vars, JsonArray asserts,
                                    String what, ForeignChecks.Builder b) {
        List<String> missing = new ArrayList<>();
        JsonElement rendered = render(prompt.template().deepCopy(), vars, missing);
        if (!missing.isEmpty()) {
            b.notImported.add(what + ": the prompt uses " + String.join(", ", missing) + ", which this test's vars do"
                    + " not set (or a template feature other than {{var}})");
            return null;
        }
        JsonObject body = new JsonObject();
        body.addProperty("model", p.model());
        if (p.endpoint().equals("embeddings")) {
            body.addProperty("input", rendered.isJsonPrimitive() ? rendered.getAsString() : rendered.toString());
        } else {
            JsonArray messages;
            if (rendered.isJsonArray()) {
                messages = rendered.getAsJsonArray();
            } else {
                messages = new JsonArray();
                JsonObject m = new JsonObject();
                m.addProperty("role", "user");
                m.addProperty("content", rendered.getAsString());
                messages.add(m);
            }
            body.add(p.endpoint().equals("responses") ? "input" : "messages", messages);
        }
        for (Map.Entry<String, JsonElement> e : p.config().entrySet()) {
            if (BODY_FIELDS.contains(e.getKey())) {
                body.add(e.getKey(), render(e.getValue().deepCopy(), vars, new ArrayList<>()));
            }
        }
        JsonArray out = new JsonArray();
        for (JsonElement a : asserts) {
            assertion(a, vars, what, out, b);
        }
        JsonObject check = new JsonObject();
        check.addProperty("name", name);
        check.addProperty("endpoint", p.endpoint());
        check.add("body", body);
        check.add("assert", out);
        return check;
    }

    private static void assertion(JsonElement a, Map<String, String> vars, String what, JsonArray out,
                                  ForeignChecks.Builder b) {
        if (!a.isJsonObject() || !a.getAsJsonObject().has("type")) {
            b.notImported.add(what + ": assertion " + a + " has no type; not imported");
            return;
        }
        JsonObject o = a.getAsJsonObject();
        String type = text(o.get("type"));
        JsonElement value = o.get("value");
        if (value != null && value.isJsonPrimitive() && value.getAsString().startsWith("file://")) {
            b.notImported.add(what + ": assertion " + type + " with value " + value.getAsString() + " (a file://"
                    + " value) is not importable");
            return;
        }
        if (value != null) {
            List<String> missing = new ArrayList<>();
            value = render(value.deepCopy(), vars, missing);
            if (!missing.isEmpty()) {
                b.notImported.add(what + ": assertion " + type + " uses " + String.join(", ", missing) + ", which the"
                        + " vars do not set");
                return;
            }
        }
        JsonElement threshold = o.get("threshold");
        for (String key : o.keySet()) {
            if (!Set.of("type", "value", "threshold", "metric", "description").contains(key)) {
                b.notes.add(what + ": assertion " + type + ": \"" + key + "\" not read");
            }
        }
        switch (type) {
            case "contains", "icontains", "not-contains", "not-icontains", "equals", "regex" -> {
                if (value == null || !value.isJsonPrimitive()) {
                    b.notImported.add(what + ": assertion " + type + " needs a text value; not imported");
                    return;
                }
                out.add(one(type, value));
            }
            case "is-json" -> out.add(value == null ? new JsonPrimitive("is-json") : one("is-json", value));
            case "contains-json" -> {
                out.add(value == null ? new JsonPrimitive("is-json") : one("is-json", value));
                b.notes.add(what + ": contains-json became is-json, which is stricter: the whole answer must be the JSON"
                        + " (promptfoo also finds JSON inside text)");
            }
            case "is-valid-openai-tools-call" -> {
                out.add(new JsonPrimitive("tool-call"));
                out.add(new JsonPrimitive("tool-args"));
            }
            case "latency", "cost" -> {
                if (threshold == null || !threshold.isJsonPrimitive() || !threshold.getAsJsonPrimitive().isNumber()) {
                    b.notImported.add(what + ": assertion " + type + " needs a numeric threshold; not imported");
                    return;
                }
                out.add(one(type, threshold));
            }
            case "finish-reason" -> {
                if (value == null) {
                    b.notImported.add(what + ": assertion finish-reason needs a value; not imported");
                    return;
                }
                out.add(one("finish-reason", value));
            }
            default -> b.notImported.add(what + ": assertion " + type + " is not importable (a request check has no"
                    + " form of it)");
        }
    }

    private static JsonObject one(String key, JsonElement value) {
        JsonObject o = new JsonObject();
        o.add(key, value);
        return o;
    }

    private static List<Provider> providers(JsonElement e, ForeignChecks.Builder b) {
        List<Provider> out = new ArrayList<>();
        if (e == null) {
            b.notImported.add("the config has no providers");
            return out;
        }
        List<JsonElement> list = e.isJsonArray() ? e.getAsJsonArray().asList() : List.of(e);
        for (JsonElement p : list) {
            String id;
            String label = "";
            JsonObject config = new JsonObject();
            if (p.isJsonPrimitive()) {
                id = p.getAsString();
            } else if (p.isJsonObject() && p.getAsJsonObject().has("id")) {
                JsonObject o = p.getAsJsonObject();
                id = text(o.get("id"));
                label = o.has("label") ? text(o.get("label")) : "";
                if (o.has("config") && o.get("config").isJsonObject()) {
                    config = o.getAsJsonObject("config");
                }
            } else if (p.isJsonObject() && p.getAsJsonObject().size() == 1) {
                Map.Entry<String, JsonElement> only = p.getAsJsonObject().entrySet().iterator().next();
                id = only.getKey();
                if (only.getValue().isJsonObject()) {
                    JsonObject o = only.getValue().getAsJsonObject();
                    label = o.has("label") ? text(o.get("label")) : "";
                    if (o.has("config") && o.get("config").isJsonObject()) {
                        config = o.getAsJsonObject("config");
                    }
                }
            } else {
                b.notImported.add("provider " + p + ": not a provider id or {id, label, config}");
                continue;
            }
            String[] parts = id.split(":", 3);
            String endpoint = null;
            String model = null;
            if (parts.length == 3 && parts[0].equals("openai")) {
                endpoint = switch (parts[1]) {
                    case "chat" -> "chat";
                    case "responses" -> "responses";
                    case "embedding", "embeddings" -> "embeddings";
                    default -> null;
                };
                model = parts[2];
            } else if (parts.length == 2 && parts[0].equals("openai")) {
                endpoint = "chat";
                model = parts[1];
            }
            String shown = label.isEmpty() ? id : label + " (" + id + ")";
            if (endpoint == null || model.isBlank()) {
                b.notImported.add("provider " + shown + ": not importable (only openai:chat:MODEL,"
                        + " openai:responses:MODEL and openai:embedding:MODEL are); its tests are not imported");
                continue;
            }
            for (String k : config.keySet()) {
                if (CREDENTIALS.contains(k)) {
                    b.notes.add("provider " + shown + ": config " + k + " dropped (the plan's gateway and key are used)");
                } else if (!BODY_FIELDS.contains(k)) {
                    b.notes.add("provider " + shown + ": config " + k + " not kept (not a request body field)");
                }
            }
            out.add(new Provider(id, label, endpoint, model, config));
        }
        return out;
    }

    private static List<Prompt> prompts(JsonElement e, Path dir, ForeignChecks.Builder b) {
        List<Prompt> out = new ArrayList<>();
        if (e == null) {
            out.add(new Prompt("1", new JsonPrimitive("{{prompt}}")));
            b.notes.add("the config has no prompts: the prompt is the var \"prompt\"");
            return out;
        }
        List<JsonElement> list = e.isJsonArray() ? e.getAsJsonArray().asList() : List.of(e);
        int i = 0;
        for (JsonElement p : list) {
            i++;
            String label = String.valueOf(i);
            JsonElement raw = p;
            if (p.isJsonObject()) {
                JsonObject o = p.getAsJsonObject();
                label = o.has("label") ? text(o.get("label")) : o.has("id") ? text(o.get("id")) : label;
                raw = o.has("raw") ? o.get("raw") : o.has("id") ? o.get("id") : null;
                if (raw == null) {
                    b.notImported.add("prompt " + label + ": has neither raw nor id; not importable");
                    continue;
                }
            }
            if (raw.isJsonArray()) {
                out.add(new Prompt(label, raw));
                continue;
            }
            if (!raw.isJsonPrimitive()) {
                b.notImported.add("prompt " + label + ": not text, a file:// reference or a list of messages");
                continue;
            }
            String s = raw.getAsString();
            if (s.startsWith("file://")) {
                String ref = s.substring("file://".length());
                Path f = dir.resolve(ref);
                if (ref.matches(".*\\.(js|cjs|mjs|ts|py)(:.*)?$") || ref.contains("*")) {
                    b.notImported.add("prompt " + s + ": a prompt function or glob is not importable");
                    continue;
                }
                try {
                    s = Files.readString(f, StandardCharsets.UTF_8);
                } catch (IOException x) {
                    b.notImported.add("prompt " + s + ": not importable: " + f.toAbsolutePath().normalize()
                            + " could not be read");
                    continue;
                }
                if (ref.matches(".*\\.(ya?ml)$")) {
                    try {
                        out.add(new Prompt(label, CheckFile.document(s, ref)));
                    } catch (IllegalArgumentException x) {
                        b.notImported.add("prompt " + ref + ": " + x.getMessage());
                    }
                    continue;
                }
                if (p.isJsonPrimitive()) {
                    label = ref;
                }
            }
            String st = s.strip();
            if (st.startsWith("[")) {
                try {
                    JsonElement msgs = JsonParser.parseString(st);
                    if (msgs.isJsonArray()) {
                        out.add(new Prompt(label, msgs));
                        continue;
                    }
                } catch (RuntimeException notJson) {
                    // a text prompt that starts with [
                }
            }
            out.add(new Prompt(label, new JsonPrimitive(s)));
        }
        return out;
    }

    private static void putVars(JsonElement e, Map<String, String> vars) {
        if (e != null && e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> v : e.getAsJsonObject().entrySet()) {
                vars.put(v.getKey(), v.getValue().isJsonPrimitive() ? v.getValue().getAsString() : v.getValue().toString());
            }
        }
    }

    /** {@code {{var}}} filled in every string of {@code e}; a var not set, or another template form, is named in {@code missing}. */
    private static JsonElement render(JsonElement e, Map<String, String> vars, List<String> missing) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            String s = e.getAsString();
            Matcher m = VAR.matcher(s);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String v = vars.get(m.group(1));
                if (v == null) {
                    missing.add("{{" + m.group(1) + "}}");
                    v = m.group();
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(v));
            }
            m.appendTail(sb);
            String r = sb.toString();
            Matcher other = TEMPLATE.matcher(VAR.matcher(s).replaceAll(""));
            while (other.find()) {
                missing.add(other.group());
            }
            return new JsonPrimitive(r);
        }
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                a.set(i, render(a.get(i), vars, missing));
            }
        } else if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> x : e.getAsJsonObject().entrySet()) {
                x.setValue(render(x.getValue(), vars, missing));
            }
        }
        return e;
    }

    private static String slug(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    }

    private static String text(JsonElement e) {
        return e != null && e.isJsonPrimitive() ? e.getAsString() : e == null ? null : e.toString();
    }
}
