package ai.flatkey.migrate.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of one {@code .gitignore} file, matched against paths relative to the folder that holds it.
 * Supports the common subset of gitignore: blank lines and {@code #} comments, {@code !} negation, a trailing
 * {@code /} for directories only, a leading or inner {@code /} anchoring to the file's folder, {@code *}, {@code ?},
 * {@code [...]} classes and {@code **} across folders, and backslash escapes.
 */
public final class GitIgnore {

    /** The outcome of matching one rule set: no rule matched, or the last matching rule ignores / re-includes. */
    public enum Match { NONE, IGNORED, INCLUDED }

    private record Rule(Pattern pattern, boolean negate, boolean dirOnly) {
    }

    private final List<Rule> rules;

    private GitIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Parses the text of a .gitignore file; lines it cannot read as a pattern are skipped. */
    public static GitIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            Rule r = rule(raw);
            if (r != null) {
                rules.add(r);
            }
        }
        return new GitIgnore(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Matches {@code relative} (from this file's folder, '/' separators, no leading '/'). The last matching rule
     * wins, as in git.
     */
    public Match match(String relative, boolean isDirectory) {
        Match result = Match.NONE;
        for (Rule r : rules) {
            if (r.dirOnly && !isDirectory) {
                continue;
            }
            if (r.pattern.matcher(relative).matches()) {
                result = r.negate ? Match.INCLUDED : Match.IGNORED;
            }
        }
        return result;
    }

    private static Rule rule(String raw) {
        String line = stripTrailingSpaces(raw);
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        boolean negate = false;
        if (line.startsWith("!")) {
            negate = true;
            line = line.substring(1);
        } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
            line = line.substring(1);
        }
        boolean dirOnly = false;
        if (line.endsWith("/") && !line.endsWith("\\/")) {
            dirOnly = true;
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            return null;
        }
        boolean anchored = line.indexOf('/') >= 0;
        if (line.startsWith("/")) {
            line = line.substring(1);
        }
        try {
            String body = globToRegex(line);
            String regex = anchored ? body : "(?:.*/)?" + body;
            return new Rule(Pattern.compile(regex), negate, dirOnly);
        } catch (RuntimeException badPattern) {
            return null;
        }
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t') && !(end > 1 && s.charAt(end - 2) == '\\')) {
            end--;
        }
        return s.substring(0, end);
    }

    static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                boolean doubleStar = i + 1 < n && glob.charAt(i + 1) == '*';
                boolean atSegmentStart = i == 0 || glob.charAt(i - 1) == '/';
                if (doubleStar && atSegmentStart) {
                    int after = i + 2;
                    if (after == n) {
                        re.append(".*");
                        i = after - 1;
                    } else if (glob.charAt(after) == '/') {
                        re.append("(?:.*/)?");
                        i = after;
                    } else {
                        re.append("[^/]*");
                        i = after - 1;
                    }
                } else if (doubleStar) {
                    re.append("[^/]*");
                    i++;
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 2);
                if (close < 0) {
                    re.append("\\[");
                } else {
                    String cls = glob.substring(i + 1, close);
                    if (cls.startsWith("!")) {
                        cls = "^" + cls.substring(1);
                    }
                    re.append('[').append(cls.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                    i = close;
                }
            } else if (c == '\\' && i + 1 < n) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else if (".+()^$|{}".indexOf(c) >= 0) {
                re.append('\\').append(c);
            } else {
                re.append(c);
            }
        }
        // a pattern that names a folder also covers everything below it
        return re + "(?:/.*)?";
    }
}
