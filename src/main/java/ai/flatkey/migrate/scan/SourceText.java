package ai.flatkey.migrate.scan;

import java.util.Arrays;

/**
 * A file's text with its comments (and Python docstrings) blanked out, so that a mention of an SDK in a comment is
 * not taken for a call. Blanking keeps every newline, so offsets and line numbers match the original text.
 */
final class SourceText {

    final String original;
    final String code;
    /** Offsets where lines start; computed on first use (most files the analyser reads report nothing). */
    private int[] lineStarts;

    SourceText(String original, Language lang) {
        this.original = original;
        this.code = strip(original, lang);
    }

    /** 1-based line of a character offset. */
    int line(int offset) {
        int i = Arrays.binarySearch(starts(), offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The original text of a 1-based line, trimmed and shortened for display. */
    String lineText(int line) {
        int[] lineStarts = starts();
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : original.length();
        String s = original.substring(start, Math.max(start, end)).strip();
        return ai.flatkey.migrate.wire.Excerpts.clip(s, 200);
    }

    int lineCount() {
        return starts().length;
    }

    private int[] starts() {
        if (lineStarts == null) {
            lineStarts = lineStarts(original);
        }
        return lineStarts;
    }

    private static int[] lineStarts(String s) {
        int[] starts = new int[16];
        int count = 1;
        for (int nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', nl + 1)) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = nl + 1;
        }
        return Arrays.copyOf(starts, count);
    }

    /** Whether a file (by its relative path) is a Markdown document, read as {@link Language#SHELL} through {@link #shellBlocks}. */
    static boolean isMarkdown(String file) {
        String f = file.toLowerCase(java.util.Locale.ROOT);
        return f.endsWith(".md") || f.endsWith(".markdown");
    }

    /** A fenced block's info string that makes it a shell command block; a block without one counts when it runs curl. */
    private static final java.util.regex.Pattern SHELL_FENCE = java.util.regex.Pattern.compile(
            "(?i)(?:sh|bash|zsh|shell|console|shell-session|curl)?");

    /**
     * A Markdown document with everything but its shell code blocks (```sh, ```bash, ```console, …, or an unlabelled
     * block that runs {@code curl}) blanked, newlines kept: the curl commands a README documents are calls the app's
     * people make, while prose and the other languages' blocks are not (a Python block in a README is an example).
     */
    static String shellBlocks(String md) {
        char[] out = md.toCharArray();
        String[] lines = md.split("\n", -1);
        int at = 0;
        boolean inBlock = false;
        boolean keep = false;
        int blockStart = 0;
        for (String line : lines) {
            String t = line.strip();
            boolean fence = t.startsWith("```") || t.startsWith("~~~");
            if (fence && !inBlock) {
                inBlock = true;
                String info = t.substring(3).strip();
                keep = !info.isEmpty() && SHELL_FENCE.matcher(info.split("[\\s{]", 2)[0]).matches();
                blockStart = at + line.length() + 1;
                if (info.isEmpty()) {
                    int end = md.indexOf("\n" + t.substring(0, 3), blockStart);
                    keep = md.substring(Math.min(blockStart, md.length()), end < 0 ? md.length() : end).contains("curl ");
                }
                blank(out, at, at + line.length());
            } else if (fence) {
                inBlock = false;
                blank(out, at, at + line.length());
            } else if (!inBlock || !keep) {
                blank(out, at, at + line.length());
            }
            at += line.length() + 1;
        }
        return new String(out);
    }

    private static void blank(char[] out, int from, int to) {
        for (int i = from; i < Math.min(to, out.length); i++) {
            if (out[i] != '\n') {
                out[i] = ' ';
            }
        }
    }

    static String strip(String s, Language lang) {
        return switch (lang) {
            case PYTHON -> stripLike(s, false, true, true, false);
            case JAVASCRIPT, JAVA, GO, CSHARP -> stripLike(s, true, false, false, false);
            case PHP -> stripLike(s, true, true, false, false);
            case RUBY, SHELL -> stripLike(s, false, true, false, true);
            case ENV, YAML, TOML, PROPERTIES, MANIFEST -> stripHashLines(s);
            case JSON -> s;
        };
    }

    /**
     * A small lexer: strings are kept (with escapes), comments are blanked. {@code slashes}: // and block comments;
     * {@code hash}: # comments; {@code tripleQuoted}: Python triple-quoted strings are blanked too (docstrings);
     * {@code hashNeedsSpace}: # starts a comment only at a word start (shell, Ruby).
     */
    private static String stripLike(String s, boolean slashes, boolean hash, boolean tripleQuoted, boolean hashNeedsSpace) {
        boolean anyOpener = slashes && (s.indexOf("//") >= 0 || s.indexOf("/*") >= 0) || hash && s.indexOf('#') >= 0
                || tripleQuoted && (s.indexOf("\"\"\"") >= 0 || s.indexOf("'''") >= 0) || hashNeedsSpace && s.indexOf("=begin") >= 0;
        if (!anyOpener) {
            return s; // nothing could start a comment: nothing to blank
        }
        char[] out = s.toCharArray();
        int n = out.length;
        int i = 0;
        while (i < n) {
            char c = out[i];
            if (slashes && c == '/' && i + 1 < n && out[i + 1] == '/') {
                i = blankTo(out, i, lineEnd(out, i));
            } else if (slashes && c == '/' && i + 1 < n && out[i + 1] == '*') {
                int end = indexOf(out, "*/", i + 2);
                i = blankTo(out, i, end < 0 ? n : end + 2);
            } else if (hash && c == '#' && !(i + 1 < n && out[i + 1] == '[' && !hashNeedsSpace)
                    && (!hashNeedsSpace || i == 0 || Character.isWhitespace(out[i - 1]))
                    && !(hashNeedsSpace && i > 0 && out[i - 1] == '$')) {
                i = blankTo(out, i, lineEnd(out, i));
            } else if (tripleQuoted && (c == '"' || c == '\'') && i + 2 < n && out[i + 1] == c && out[i + 2] == c) {
                int end = indexOf(out, new String(new char[]{c, c, c}), i + 3);
                i = blankTo(out, i, end < 0 ? n : end + 3);
            } else if (hashNeedsSpace && c == '=' && (i == 0 || out[i - 1] == '\n') && startsWith(out, i, "=begin")) {
                int end = indexOf(out, "\n=end", i);
                i = blankTo(out, i, end < 0 ? n : lineEnd(out, end + 1));
            } else if (c == '"' || c == '\'' || (c == '`' && !hashNeedsSpace)) {
                i = skipString(out, i, c, hashNeedsSpace && c == '\'');
            } else {
                i++;
            }
        }
        return new String(out);
    }

    private static String stripHashLines(String s) {
        if (s.indexOf('#') < 0) {
            return s;
        }
        char[] out = s.toCharArray();
        int i = 0;
        int n = out.length;
        boolean lineStart = true;
        char quote = 0;
        while (i < n) {
            char c = out[i];
            if (c == '\n') {
                lineStart = true;
                quote = 0;
                i++;
                continue;
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (lineStart || Character.isWhitespace(out[i - 1]))) {
                i = blankTo(out, i, lineEnd(out, i));
                continue;
            }
            if (!Character.isWhitespace(c)) {
                lineStart = false;
            }
            i++;
        }
        return new String(out);
    }

    private static int skipString(char[] out, int start, char q, boolean raw) {
        int i = start + 1;
        while (i < out.length) {
            char c = out[i];
            if (c == '\\' && !raw && q != '`') {
                i += 2;
                continue;
            }
            if (c == '\\' && q == '`') {
                i += 2;
                continue;
            }
            if (c == q) {
                return i + 1;
            }
            if (c == '\n' && q != '`') {
                return i; // unterminated on this line: stop at the line end
            }
            i++;
        }
        return out.length;
    }

    private static int blankTo(char[] out, int from, int to) {
        for (int k = from; k < to && k < out.length; k++) {
            if (out[k] != '\n') {
                out[k] = ' ';
            }
        }
        return to;
    }

    private static int lineEnd(char[] out, int from) {
        int i = from;
        while (i < out.length && out[i] != '\n') {
            i++;
        }
        return i;
    }

    private static boolean startsWith(char[] out, int at, String prefix) {
        if (at + prefix.length() > out.length) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (out[at + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(char[] out, String needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= out.length - needle.length(); i++) {
            for (int k = 0; k < needle.length(); k++) {
                if (out[i + k] != needle.charAt(k)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
