package ai.flatkey.migrate.scan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The literals a regular expression cannot match without: {@link #of(Pattern)} returns lower-case strings such that
 * every match of the pattern contains at least one of them (ignoring ASCII case), or an empty list when no such set is
 * known. A text that contains none of them (checked with a fast {@link String#contains}) cannot match, so the regex
 * need not run over it: most of the analyser's regexes start with a look-behind or an alternation, which the JDK's
 * engine tries at every offset of the file.
 *
 * <p>The parser understands the subset of the syntax the scanner's rules use and is conservative everywhere else:
 * character classes, wildcards, escapes such as {@code \w}, optional or repeated-from-zero parts, look-arounds and
 * anchors contribute no literal (they only end a run of literal text), so the result can be weaker than possible but
 * never wrong.
 */
final class RequiredLiterals {

    /** Above this many alternatives a literal run is cut rather than multiplied out. */
    private static final int MAX_STRINGS = 32;

    private final String re;
    private int pos;

    private RequiredLiterals(String re) {
        this.re = re;
    }

    /** What a piece of regex tells: the exact strings it matches (if few and known) and literals any match contains. */
    private record Info(Set<String> exact, Set<String> required) {
        static final Info NONE = new Info(null, null);

        /** The better of this piece's own requirement and its exact strings (if none of them is empty). */
        Set<String> best() {
            return better(required, exact != null && !exact.contains("") ? exact : null);
        }
    }

    /** Lower-case literals one of which every match of {@code p} contains; empty when unknown. */
    static List<String> of(Pattern p) {
        if ((p.flags() & (Pattern.LITERAL | Pattern.COMMENTS)) != 0) {
            return List.of();
        }
        try {
            RequiredLiterals parser = new RequiredLiterals(p.pattern());
            Info info = parser.alternation();
            if (parser.pos != parser.re.length()) {
                return List.of();
            }
            Set<String> best = info.best();
            if (best == null || best.isEmpty() || best.contains("")) {
                return List.of();
            }
            return List.copyOf(best);
        } catch (RuntimeException unsupported) {
            return List.of();
        }
    }

    /** An immutable map from each pattern to its literals (patterns with none are left out); keyed by identity. */
    static Map<Pattern, List<String>> table(List<Pattern> patterns) {
        Map<Pattern, List<String>> m = new IdentityHashMap<>();
        for (Pattern p : patterns) {
            List<String> l = of(p);
            if (!l.isEmpty()) {
                m.put(p, l);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private Info alternation() {
        List<Info> alts = new ArrayList<>();
        alts.add(sequence());
        while (pos < re.length() && re.charAt(pos) == '|') {
            pos++;
            alts.add(sequence());
        }
        if (alts.size() == 1) {
            return alts.get(0);
        }
        Set<String> exact = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        for (Info a : alts) {
            if (exact != null) {
                if (a.exact() == null) {
                    exact = null;
                } else {
                    exact.addAll(a.exact());
                }
            }
            if (required != null) {
                Set<String> b = a.best();
                if (b == null) {
                    required = null;
                } else {
                    required.addAll(b);
                }
            }
        }
        if (exact != null && exact.size() > MAX_STRINGS) {
            exact = null;
        }
        return new Info(exact, required);
    }

    private Info sequence() {
        Set<String> run = Set.of("");
        boolean whole = true;
        Set<String> best = null;
        while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
            Info atom = quantified(atom());
            if (atom.exact() != null && product(run, atom.exact()) <= MAX_STRINGS) {
                run = concat(run, atom.exact());
                continue;
            }
            best = better(best, nonEmpty(run));
            best = better(best, atom.best());
            whole = false;
            run = atom.exact() != null ? atom.exact() : Set.of("");
        }
        best = better(best, nonEmpty(run));
        return new Info(whole ? run : null, best);
    }

    private Info quantified(Info atom) {
        if (pos >= re.length()) {
            return atom;
        }
        char c = re.charAt(pos);
        Info result;
        if (c == '?' || c == '*') {
            pos++;
            result = Info.NONE;
        } else if (c == '+') {
            pos++;
            result = new Info(null, atom.best());
        } else if (c == '{' && pos + 1 < re.length() && Character.isDigit(re.charAt(pos + 1))) {
            int close = re.indexOf('}', pos);
            String body = re.substring(pos + 1, close);
            pos = close + 1;
            int min = Integer.parseInt(body.split(",", -1)[0]);
            result = min >= 1 ? new Info(null, atom.best()) : Info.NONE;
        } else {
            return atom;
        }
        if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
            pos++; // lazy or possessive: the same strings
        }
        return result;
    }

    private Info atom() {
        char c = re.charAt(pos);
        switch (c) {
            case '(' -> {
                return group();
            }
            case '[' -> {
                skipClass();
                return Info.NONE;
            }
            case '.', '^', '$' -> {
                pos++;
                return Info.NONE;
            }
            case '\\' -> {
                return escape();
            }
            case '*', '+', '?', '{' -> throw new IllegalArgumentException("dangling quantifier at " + pos);
            default -> {
                pos++;
                return literal(c);
            }
        }
    }

    private Info group() {
        pos++; // (
        boolean zeroWidth = false;
        if (re.startsWith("?", pos)) {
            if (re.startsWith("?:", pos)) {
                pos += 2;
            } else if (re.startsWith("?=", pos) || re.startsWith("?!", pos)) {
                pos += 2;
                zeroWidth = true;
            } else if (re.startsWith("?<=", pos) || re.startsWith("?<!", pos)) {
                pos += 3;
                zeroWidth = true;
            } else if (re.startsWith("?<", pos)) {
                pos = re.indexOf('>', pos) + 1; // named group
            } else {
                int end = pos + 1;
                while (end < re.length() && (Character.isLetter(re.charAt(end)) || re.charAt(end) == '-')) {
                    end++;
                }
                String flags = re.substring(pos + 1, end);
                if (flags.contains("x")) {
                    throw new IllegalArgumentException("comments mode");
                }
                pos = end;
                if (re.charAt(pos) == ')') {
                    pos++;
                    return Info.NONE; // (?i): a flag change, matches nothing
                }
                if (re.charAt(pos) != ':') {
                    throw new IllegalArgumentException("unsupported group at " + pos);
                }
                pos++;
            }
        }
        Info inner = alternation();
        if (pos >= re.length() || re.charAt(pos) != ')') {
            throw new IllegalArgumentException("unclosed group");
        }
        pos++;
        return zeroWidth ? Info.NONE : inner;
    }

    private Info escape() {
        if (pos + 1 >= re.length()) {
            throw new IllegalArgumentException("trailing backslash");
        }
        char e = re.charAt(pos + 1);
        if (Character.isLetterOrDigit(e)) {
            if (e == 'Q' || e == 'k' || e == 'p' || e == 'P' || e == 'x' || e == 'u' || e == 'c' || e == 'N' || Character.isDigit(e)) {
                throw new IllegalArgumentException("unsupported escape \\" + e);
            }
            pos += 2; // \w \s \d \b \n \t …: a class, an anchor or a control character
            return Info.NONE;
        }
        pos += 2;
        return literal(e);
    }

    private void skipClass() {
        int i = pos + 1;
        if (i < re.length() && re.charAt(i) == '^') {
            i++;
        }
        if (i < re.length() && re.charAt(i) == ']') {
            i++;
        }
        int depth = 1;
        while (depth > 0) {
            char c = re.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            i++;
        }
        pos = i;
    }

    private static Info literal(char c) {
        if (c > 127) {
            return Info.NONE; // keep to ASCII: lower-casing elsewhere is then unambiguous
        }
        return new Info(Set.of(String.valueOf(c).toLowerCase(Locale.ROOT)), null);
    }

    private static Set<String> nonEmpty(Set<String> s) {
        return s == null || s.contains("") ? null : s;
    }

    private static long product(Set<String> a, Set<String> b) {
        return (long) a.size() * b.size();
    }

    private static Set<String> concat(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>();
        for (String x : a) {
            for (String y : b) {
                out.add(x + y);
            }
        }
        return out;
    }

    /** The more selective set: the one whose shortest string is longer; then the one with fewer strings. */
    private static Set<String> better(Set<String> a, Set<String> b) {
        if (a == null || a.isEmpty() || a.contains("")) {
            return b == null || b.isEmpty() || b.contains("") ? null : b;
        }
        if (b == null || b.isEmpty() || b.contains("")) {
            return a;
        }
        int la = shortest(a);
        int lb = shortest(b);
        if (la != lb) {
            return la > lb ? a : b;
        }
        return a.size() <= b.size() ? a : b;
    }

    private static int shortest(Set<String> s) {
        int m = Integer.MAX_VALUE;
        for (String x : s) {
            m = Math.min(m, x.length());
        }
        return m;
    }
}
