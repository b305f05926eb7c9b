package ai.flatkey.migrate.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pasted {@code curl} commands (from an API's docs or an app's log) as request checks: the shell quoting is read
 * (single and double quotes, backslash-newline continuations, {@code $'…'}), the URL gives the endpoint, the data the
 * body, kept as written. Credentials ({@code Authorization}, {@code api-key}, {@code -u}) are never kept: the plan's
 * key is used, and the report says they were dropped. Every other flag the check does not use is named in the report.
 */
public final class CurlImport {
    /** Flags that take no value and do not change the request a check sends. */
    private static final Set<String> SWITCHES = Set.of("-s", "--silent", "-S", "--show-error", "-v", "--verbose",
            "-i", "--include", "-L", "--location", "-f", "--fail", "--fail-with-body", "-N", "--no-buffer",
            "--compressed", "-k", "--insecure", "-g", "--globoff", "--http1.1", "--http2", "-#", "--progress-bar");
    /** Flags that take a value and do not change the request a check sends. */
    private static final Set<String> VALUED = Set.of("-o", "--output", "-m", "--max-time", "--connect-timeout",
            "-A", "--user-agent", "-w", "--write-out", "--retry", "-e", "--referer");
    private static final Pattern CREDENTIAL = Pattern.compile("(?i)authorization|api-key|x-api-key|proxy-authorization");

    private CurlImport() {
    }

    /** Whether {@code text} reads as curl commands: its first command ({@code export} and {@code set} lines aside) is {@code curl}. */
    public static boolean looksLikeCurl(String text) {
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.matches("(export|set)\\s.*")) {
                continue;
            }
            return l.matches("(\\$\\s+)?curl(\\s.*)?");
        }
        return false;
    }

    /** The checks of every curl command in {@code text}; {@code @file} data is read relative to {@code dir}. */
    public static ForeignChecks read(String text, String fileName, Path dir) {
        ForeignChecks.Builder b = new ForeignChecks.Builder("curl");
        List<List<String>> commands;
        try {
            commands = commands(text);
        } catch (IllegalArgumentException e) {
            b.notImported.add(fileName + ": " + e.getMessage());
            return b.build();
        }
        String stem = fileName.replaceAll("\\.[^.]*$", "");
        int curls = (int) commands.stream().filter(c -> c.get(0).equals("curl")).count();
        int n = 0;
        for (List<String> words : commands) {
            if (!words.get(0).equals("curl")) {
                b.notImported.add("command \"" + String.join(" ", words.subList(0, Math.min(3, words.size())))
                        + "…\": not a curl command");
                continue;
            }
            n++;
            one(words.subList(1, words.size()), curls == 1 ? stem : stem + "-" + n, "curl command " + n, dir, b);
        }
        if (curls == 0) {
            b.notImported.add(fileName + ": holds no curl command");
        }
        return b.build();
    }

    /** What a curl command's arguments say: its method (null if none), URL (null if none) and data arguments. */
    private record Parsed(String method, String url, List<String> data, List<String> form) {
    }

    private static void one(List<String> args, String base, String what, Path dir, ForeignChecks.Builder b) {
        Parsed parsed = parse(args, what, dir, b);
        if (parsed != null) {
            build(parsed, base, what, b);
        }
    }

    /** Reads the arguments; null (with the reason added to {@code b}) when the command cannot be read. */
    private static Parsed parse(List<String> args, String what, Path dir, ForeignChecks.Builder b) {
        String method = null;
        String url = null;
        List<String> data = new ArrayList<>();
        List<String> form = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String flag = a;
            String attached = null;
            if (a.startsWith("--") && a.contains("=")) {
                flag = a.substring(0, a.indexOf('='));
                attached = a.substring(a.indexOf('=') + 1);
            } else if (a.matches("-[XHduF].+")) {
                flag = a.substring(0, 2);
                attached = a.substring(2);
            } else if (a.matches("-[a-zA-Z#]{2,}") && a.chars().skip(1).allMatch(ch -> SWITCHES.contains("-" + (char) ch))) {
                ignored.add(a);
                continue;
            }
            boolean takes = Set.of("-X", "--request", "-H", "--header", "-d", "--data", "--data-raw", "--data-binary",
                    "--data-ascii", "--json", "-u", "--user", "--url", "-F", "--form", "--form-string").contains(flag)
                    || VALUED.contains(flag);
            String value = attached;
            if (takes && value == null) {
                if (i + 1 >= args.size()) {
                    b.notImported.add(what + ": " + flag + " has no value");
                    return null;
                }
                value = args.get(++i);
            }
            switch (flag) {
                case "-X", "--request" -> method = value.toUpperCase(Locale.ROOT);
                case "-H", "--header" -> header(value, what, b);
                case "-d", "--data", "--data-binary", "--data-ascii", "--json" -> {
                    String d = value.startsWith("@") ? file(value.substring(1), flag, what, dir, b) : value;
                    if (d == null) {
                        return null;
                    }
                    data.add(d);
                }
                case "--data-raw" -> data.add(value);
                case "-F", "--form", "--form-string" -> form.add(value);
                case "-u", "--user" -> b.notes.add(what + ": dropped " + flag + " (a credential; the plan's key is sent"
                        + " instead)");
                case "--url" -> url = value;
                default -> {
                    if (SWITCHES.contains(flag)) {
                        ignored.add(flag);
                    } else if (VALUED.contains(flag)) {
                        ignored.add(flag + " " + value);
                    } else if (a.startsWith("-") && a.length() > 1) {
                        b.notes.add(what + ": unknown flag " + a + " not kept (a request check has only an endpoint and"
                                + " a body)");
                    } else if (url == null) {
                        url = a;
                    } else {
                        b.notes.add(what + ": extra argument \"" + a + "\" not kept");
                    }
                }
            }
        }
        if (!ignored.isEmpty()) {
            b.notes.add(what + ": not kept, as they do not change the request: " + String.join(" ", ignored));
        }
        return new Parsed(method, url, data, form);
    }

    private static void build(Parsed parsed, String base, String what, ForeignChecks.Builder b) {
        String url = parsed.url();
        String method = parsed.method();
        List<String> data = parsed.data();
        if (url == null) {
            b.notImported.add(what + ": has no URL");
            return;
        }
        String path;
        try {
            URI u = new URI(url.replaceAll("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?", "host"));
            path = u.getPath() == null ? url : u.getPath();
        } catch (URISyntaxException e) {
            path = url.replaceAll("\\?.*", "");
        }
        path = path.replaceAll("/+$", "");
        String endpoint = null;
        for (RequestCheck.Api api : RequestCheck.Api.values()) {
            if (path.endsWith("/" + api.path())) {
                endpoint = api.key();
            }
        }
        if (endpoint == null) {
            b.notImported.add(what + ": " + url + " is not an endpoint a request check can send to ("
                    + String.join(", ", java.util.Arrays.stream(RequestCheck.Api.values()).map(RequestCheck.Api::path)
                    .toList()) + ")");
            return;
        }
        if (method != null && !method.equals("POST")) {
            b.notImported.add(what + ": method " + method + "; a request check sends a POST with a body");
            return;
        }
        if (!parsed.form().isEmpty() || RequestCheck.Api.byKey(endpoint).orElseThrow().upload()) {
            JsonObject body = formBody(parsed, endpoint, what, b);
            if (body != null) {
                keep(base, endpoint, body, what, b);
            }
            return;
        }
        if (data.isEmpty()) {
            b.notImported.add(what + ": has no body (-d, --data, --data-raw, --data-binary or --json)");
            return;
        }
        if (data.size() > 1) {
            b.notImported.add(what + ": has " + data.size() + " data arguments; curl would join them with &, which is"
                    + " not a JSON body");
            return;
        }
        JsonElement body;
        try {
            body = JsonParser.parseString(data.get(0));
        } catch (JsonSyntaxException e) {
            java.util.regex.Matcher at = Pattern.compile("line \\d+ column \\d+").matcher(String.valueOf(e.getMessage()));
            b.notImported.add(what + ": the body is not JSON" + (at.find() ? " (at " + at.group() + ")" : "")
                    + "; a request check's body is a JSON object");
            return;
        }
        if (!body.isJsonObject()) {
            b.notImported.add(what + ": the body is not a JSON object");
            return;
        }
        keep(base, endpoint, body.getAsJsonObject(), what, b);
    }

    private static void keep(String base, String endpoint, JsonObject body, String what, ForeignChecks.Builder b) {
        JsonObject check = new JsonObject();
        String name = b.unique(base);
        check.addProperty("name", name);
        check.addProperty("endpoint", endpoint);
        check.add("body", body);
        check.add("assert", new JsonArray());
        b.add(check, what);
        b.notes.add(what + " → request:" + name + " (" + endpoint + "): no assertions yet; only the conformance rules"
                + " apply until you add some (docs/request-checks.md)");
    }

    /**
     * A multipart upload's body from its {@code -F name=value} fields: {@code file=@PATH} (a {@code ;type=…} left
     * out) becomes {@code "file": "PATH"} as written, {@code timestamp_granularities[]} a list, {@code stream=true} and
     * {@code temperature} and {@code n} their JSON values, an edit's {@code image=@…} and {@code mask=@…} like
     * {@code file} ({@code image[]} a list), the others text. Null (with the reason) when it is not an upload to
     * audio/transcriptions, audio/translations or images/edits, or mixes a form with a JSON body.
     */
    private static JsonObject formBody(Parsed parsed, String endpoint, String what, ForeignChecks.Builder b) {
        if (!RequestCheck.Api.byKey(endpoint).orElseThrow().upload()) {
            b.notImported.add(what + ": a multipart form (-F) is sent as a request check only to audio/transcriptions,"
                    + " audio/translations and images/edits, not " + endpoint);
            return null;
        }
        if (parsed.form().isEmpty() || !parsed.data().isEmpty()) {
            b.notImported.add(what + ": " + endpoint + " takes a multipart form (-F file=@clip.wav -F model=…)"
                    + (!parsed.form().isEmpty() ? ", not a JSON body as well" : parsed.data().isEmpty()
                    ? "; the command has none" : ", not a JSON body (-d)"));
            return null;
        }
        JsonObject body = new JsonObject();
        for (String field : parsed.form()) {
            int eq = field.indexOf('=');
            String k = eq < 0 ? field : field.substring(0, eq);
            String v = eq < 0 ? "" : field.substring(eq + 1);
            if ((k.equals("file") || k.equals("mask") || k.equals("image")) && v.startsWith("@")) {
                body.addProperty(k, v.substring(1).replaceFirst(";.*$", ""));
            } else if (k.equals("image[]") && v.startsWith("@")) {
                if (!body.has("image") || !body.get("image").isJsonArray()) {
                    body.add("image", new JsonArray());
                }
                body.getAsJsonArray("image").add(v.substring(1).replaceFirst(";.*$", ""));
            } else if (v.startsWith("@") || v.startsWith("<")) {
                b.notImported.add(what + ": form field " + k + " is read from a file (" + v + "); only \"file\" is");
                return null;
            } else if (k.equals("timestamp_granularities[]")) {
                if (!body.has("timestamp_granularities")) {
                    body.add("timestamp_granularities", new JsonArray());
                }
                body.getAsJsonArray("timestamp_granularities").add(v);
            } else if (k.equals("stream") && (v.equals("true") || v.equals("false"))) {
                body.addProperty(k, Boolean.parseBoolean(v));
            } else if ((k.equals("temperature") || k.equals("n")) && v.matches("\\d+(\\.\\d+)?")) {
                body.addProperty(k, new java.math.BigDecimal(v));
            } else {
                body.addProperty(k, v);
            }
        }
        for (String field : List.of("file", "image", "mask")) {
            if (body.has(field)) {
                b.notes.add(what + ": " + field + " " + body.get(field).toString().replace("\"", "") + " is looked for"
                        + " relative to the plan (or the check file the check is written to) when the check runs");
            }
        }
        return body;
    }

    private static void header(String h, String what, ForeignChecks.Builder b) {
        int colon = h.indexOf(':');
        String name = (colon < 0 ? h : h.substring(0, colon)).strip();
        if (CREDENTIAL.matcher(name).matches()) {
            b.notes.add(what + ": dropped header " + name + " (a credential; the plan's key is sent instead)");
        } else if (!name.equalsIgnoreCase("content-type") && !name.equalsIgnoreCase("accept")) {
            b.notes.add(what + ": header " + name + " not kept (a request check sends the plan's headers)");
        }
    }

    private static String file(String name, String flag, String what, Path dir, ForeignChecks.Builder b) {
        if (name.equals("-")) {
            b.notImported.add(what + ": " + flag + " @- reads the body from standard input, which a pasted command"
                    + " does not have; put the body in a file or inline");
            return null;
        }
        Path p = dir.resolve(name);
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            b.notImported.add(what + ": " + flag + " @" + name + ": the file " + p.toAbsolutePath().normalize()
                    + " could not be read (data files are read relative to the imported file)");
            return null;
        }
    }

    /** The commands of {@code text}, as the shell would split them into words. */
    static List<List<String>> commands(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == '\n' || text.startsWith("\r\n", i + 1))) {
                i += text.charAt(i + 1) == '\n' ? 2 : 3;
                continue;
            }
            if (c == '\n' || c == ';' || c == '|' || c == '&') {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
                end(words, out);
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
                i++;
                continue;
            }
            if (c == '#' && !inWord) {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int close = text.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("a single quote is not closed");
                }
                w.append(text, i + 1, close);
                i = close + 1;
            } else if (c == '$' && i + 1 < n && text.charAt(i + 1) == '\'') {
                i = ansi(text, i + 2, w);
            } else if (c == '"') {
                i = doubleQuoted(text, i + 1, w);
            } else if (c == '\\' && i + 1 < n) {
                w.append(text.charAt(i + 1));
                i += 2;
            } else {
                w.append(c);
                i++;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        end(words, out);
        return out;
    }

    /** Appends a double-quoted word's text from {@code i} (after the quote) to {@code w}; returns the index after it. */
    private static int doubleQuoted(String text, int i, StringBuilder w) {
        int n = text.length();
        while (true) {
            if (i >= n) {
                throw new IllegalArgumentException("a double quote is not closed");
            }
            char d = text.charAt(i);
            if (d == '"') {
                return i + 1;
            }
            if (d == '\\' && i + 1 < n && "\"\\$`\n".indexOf(text.charAt(i + 1)) >= 0) {
                if (text.charAt(i + 1) != '\n') {
                    w.append(text.charAt(i + 1));
                }
                i += 2;
            } else {
                w.append(d);
                i++;
            }
        }
    }

    private static void end(List<String> words, List<List<String>> out) {
        if (!words.isEmpty() && words.get(0).equals("$")) {
            words.remove(0);
        }
        if (!words.isEmpty()) {
            out.add(new ArrayList<>(words));
        }
        words.clear();
    }

    /** A {@code $'…'} string from just after its opening quote; returns the index after its closing quote. */
    private static int ansi(String text, int i, StringBuilder w) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'') {
                return i + 1;
            }
            if (c != '\\' || i + 1 >= n) {
                w.append(c);
                i++;
                continue;
            }
            char e = text.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'n' -> w.append('\n');
                case 't' -> w.append('\t');
                case 'r' -> w.append('\r');
                case 'x', 'u' -> {
                    int max = e == 'x' ? 2 : 4;
                    int j = i;
                    while (j < n && j - i < max && Character.digit(text.charAt(j), 16) >= 0) {
                        j++;
                    }
                    if (j == i) {
                        w.append('\\').append(e);
                    } else {
                        w.appendCodePoint(Integer.parseInt(text.substring(i, j), 16));
                        i = j;
                    }
                }
                default -> w.append(e);
            }
        }
        throw new IllegalArgumentException("a $' quote is not closed");
    }
}
