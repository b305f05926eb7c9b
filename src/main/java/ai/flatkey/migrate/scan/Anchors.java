package ai.flatkey.migrate.scan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a regular expression's matches can start, so that it need not be tried at every offset of a file.
 *
 * <p>{@link #of(Pattern)} finds an <em>anchor</em>: lower-case literals one of which every match contains, together with a
 * bound {@code lead} such that, between the start of a match and that literal, the match consumed at most {@code lead}
 * characters that are not whitespace (any number of whitespace characters may come in between: {@code \s*},
 * {@code [ \t]*}). Given the literal's occurrences, the only possible starts are the few offsets before each one, and
 * {@link Finder} tries just those with {@link Matcher#lookingAt()} (transparent, non-anchoring bounds, so look-behinds,
 * {@code \b} and {@code ^} see the whole text), which gives exactly the matches {@code while (m.find())} gives.
 *
 * <p>The parser understands the subset of the syntax the scanner's rules use; anything else (back-references,
 * {@code \G}, {@code \Q}, Unicode case folding, comments mode) yields no anchor and the pattern is searched as usual.
 */
final class Anchors {

    /** Literals shorter than this make poor anchors (too many occurrences). */
    private static final int MIN_LITERAL = 3;
    private static final int INF = Integer.MAX_VALUE / 4;

    /** Lower-case literals, one of which every match contains at most {@code lead} non-blank characters after its start. */
    record Anchor(List<String> literals, int lead) {
    }

    private Anchors() {
    }

    /** The anchor of {@code p}, or null when none is known. */
    static Anchor of(Pattern p) {
        if ((p.flags() & (Pattern.LITERAL | Pattern.COMMENTS | Pattern.UNICODE_CASE | Pattern.CANON_EQ
                | Pattern.UNICODE_CHARACTER_CLASS)) != 0) {
            return null;
        }
        try {
            Parser parser = new Parser(p.pattern());
            List<List<Node>> alts = parser.alternation();
            if (parser.pos != parser.re.length()) {
                return null;
            }
            Cand c = alternatives(alts, 0);
            return c == null ? null : new Anchor(List.copyOf(c.literals), c.lead);
        } catch (RuntimeException unsupported) {
            return null;
        }
    }

    /** Whether {@code c} is matched by {@code \s} (the ASCII white space the rules use). */
    static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    /**
     * {@code s} lower-cased with every offset kept: {@link String#toLowerCase(Locale)} when that keeps the length (it
     * does unless a special-cased character such as a dotted capital I expands), else character by character. ASCII
     * letters are always folded exactly, which is all the anchors and gates (ASCII literals) rely on.
     */
    static String fold(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.length() == s.length()) {
            // Only special-cased characters (a dotted capital I) change length; otherwise every character or
            // surrogate pair maps to one of the same length, so offsets are kept.
            return lower;
        }
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char l = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
            if (l != c) {
                if (out == null) {
                    out = s.toCharArray();
                }
                out[i] = l;
            }
        }
        return out == null ? s : new String(out);
    }

    // ------------------------------------------------------------------ finding

    /**
     * The matches of a pattern over a text, in order, exactly as {@code while (m.find())} on a fresh matcher would give
     * them; with an anchor only the offsets near an occurrence of its literals are tried.
     */
    static final class Finder {
        private final Matcher m;
        private final Anchor anchor;
        private final String text;
        private final String folded;
        private final int[] next;
        /** Where the next match may start (as {@link Matcher#find()} continues). */
        private int pos;
        /** Every start below this was tried or cannot be a match. */
        private int done;
        /** Starts tried so far; past a budget the plain search is cheaper. */
        private int tries;
        private boolean plain;

        /**
         * @param folded {@link #fold(String)} of {@code text} (may be null when {@code anchor} is null)
         * @param absent a bit per anchor literal (the first 64) known not to occur in the text, so never searched for
         */
        Finder(Pattern p, Anchor anchor, String text, String folded, long absent) {
            this.m = p.matcher(text);
            this.anchor = anchor;
            this.text = text;
            this.folded = folded;
            this.plain = anchor == null;
            this.next = plain ? null : new int[anchor.literals().size()];
            if (!plain) {
                m.useTransparentBounds(true).useAnchoringBounds(false);
                java.util.Arrays.fill(next, -2);
                for (int k = 0; k < next.length && k < Long.SIZE; k++) {
                    if ((absent & 1L << k) != 0) {
                        next[k] = -1;
                    }
                }
            }
        }

        /** The matcher holding the last match found. */
        Matcher matcher() {
            return m;
        }

        boolean find() {
            if (plain) {
                return m.find();
            }
            int len = text.length();
            while (true) {
                int from = Math.max(pos, done);
                if (from > len) {
                    return false;
                }
                int at = occurrence(from);
                if (at < 0) {
                    done = len + 1;
                    return false;
                }
                int lo = leadStart(at, from);
                for (int s = lo; s <= at; s++) {
                    if (++tries > 64 + len / 8) {
                        // too many occurrences: continue as a plain search from where a match may start
                        plain = true;
                        m.region(Math.max(pos, s), len);
                        return m.find();
                    }
                    m.region(s, len);
                    if (m.lookingAt()) {
                        pos = m.end() == m.start() ? m.end() + 1 : m.end();
                        done = s + 1;
                        return true;
                    }
                }
                done = at + 1;
            }
        }

        /** The first offset ≥ from where one of the anchor's literals occurs in the folded text, or -1. */
        private int occurrence(int from) {
            int best = -1;
            List<String> lits = anchor.literals();
            for (int k = 0; k < next.length; k++) {
                if (next[k] != -1 && next[k] < from) {
                    next[k] = folded.indexOf(lits.get(k), from);
                }
                if (next[k] >= 0 && (best < 0 || next[k] < best)) {
                    best = next[k];
                }
            }
            return best;
        }

        /** The lowest start ≥ floor from which at most {@code lead} non-blank characters lead to {@code at}. */
        private int leadStart(int at, int floor) {
            int i = at;
            int count = 0;
            int lead = anchor.lead();
            while (i > floor) {
                if (!blank(text.charAt(i - 1))) {
                    if (count == lead) {
                        break;
                    }
                    count++;
                }
                i--;
            }
            return i;
        }
    }

    // ------------------------------------------------------------------ choosing the anchor

    private record Cand(Set<String> literals, int lead) {
        int shortest() {
            int s = Integer.MAX_VALUE;
            for (String l : literals) {
                s = Math.min(s, l.length());
            }
            return s;
        }

        boolean betterThan(Cand o) {
            if (o == null) {
                return true;
            }
            if (shortest() != o.shortest()) {
                return shortest() > o.shortest();
            }
            if (literals.size() != o.literals.size()) {
                return literals.size() < o.literals.size();
            }
            return lead < o.lead;
        }
    }

    /** One candidate covering every alternative (each must have one), leads offset by {@code prefix}. */
    private static Cand alternatives(List<List<Node>> alts, int prefix) {
        Set<String> lits = new LinkedHashSet<>();
        int lead = 0;
        for (List<Node> alt : alts) {
            Cand c = sequence(alt);
            if (c == null) {
                return null;
            }
            lits.addAll(c.literals);
            lead = Math.max(lead, c.lead);
        }
        if (prefix + lead >= INF) {
            return null;
        }
        return new Cand(lits, prefix + lead);
    }

    /** The best candidate of a sequence: a run of literal characters, or a group whose every alternative has one. */
    private static Cand sequence(List<Node> seq) {
        Cand best = null;
        int prefix = 0;
        for (int i = 0; i < seq.size() && prefix < INF; i++) {
            Node n = seq.get(i);
            if (n instanceof Lit) {
                StringBuilder run = new StringBuilder();
                int j = i;
                while (j < seq.size() && seq.get(j) instanceof Lit l) {
                    run.append(l.c >= 'A' && l.c <= 'Z' ? (char) (l.c + 32) : l.c);
                    j++;
                }
                if (run.length() >= MIN_LITERAL) {
                    Cand c = new Cand(Set.of(run.toString()), prefix);
                    best = c.betterThan(best) ? c : best;
                }
            } else if (n instanceof Group g) {
                Cand c = alternatives(g.alts, prefix);
                best = c != null && c.betterThan(best) ? c : best;
            } else if (n instanceof Repeat r && r.min >= 1 && r.inner instanceof Group g) {
                Cand c = alternatives(g.alts, prefix);
                best = c != null && c.betterThan(best) ? c : best;
            }
            prefix = add(prefix, n.maxNonBlank());
        }
        if (best == null && !seq.isEmpty() && seq.get(0) instanceof One o && o.chars() != null) {
            // no literal: a match starts with one of a few characters (a quote, say); those are the anchor
            Set<String> starts = new LinkedHashSet<>();
            o.chars().chars().forEach(c -> starts.add(String.valueOf((char) c)));
            best = new Cand(starts, 0);
        }
        return best;
    }

    private static int add(int a, int b) {
        return a >= INF || b >= INF ? INF : Math.min(INF, a + b);
    }

    // ------------------------------------------------------------------ a small regex syntax tree

    private sealed interface Node permits Lit, One, Zero, Group, Repeat, Opaque {
        /** The most non-blank characters this part of a match can consume. */
        int maxNonBlank();
    }

    /** One ASCII literal character. */
    private record Lit(char c) implements Node {
        public int maxNonBlank() {
            return blank(c) ? 0 : 1;
        }
    }

    /**
     * One character of a class; {@code blankOnly}: the class holds only white space; {@code chars}: the few ASCII
     * characters a bracket class lists one by one (lower-cased), or null.
     */
    private record One(boolean blankOnly, String chars) implements Node {
        One(boolean blankOnly) {
            this(blankOnly, null);
        }

        public int maxNonBlank() {
            return blankOnly ? 0 : 1;
        }
    }

    /** Anchors, boundaries, look-arounds, flag changes. */
    private record Zero() implements Node {
        public int maxNonBlank() {
            return 0;
        }
    }

    private record Group(List<List<Node>> alts) implements Node {
        public int maxNonBlank() {
            int max = 0;
            for (List<Node> alt : alts) {
                int sum = 0;
                for (Node n : alt) {
                    sum = add(sum, n.maxNonBlank());
                }
                max = Math.max(max, sum);
            }
            return max;
        }
    }

    private record Repeat(Node inner, int min, int max) implements Node {
        public int maxNonBlank() {
            int one = inner.maxNonBlank();
            if (one == 0) {
                return 0;
            }
            if (max < 0) {
                return INF;
            }
            return (int) Math.min(INF, (long) one * max);
        }
    }

    /** Something whose length is unknown (e.g. a back-reference). */
    private record Opaque() implements Node {
        public int maxNonBlank() {
            return INF;
        }
    }

    private static final class Parser {
        final String re;
        int pos;

        Parser(String re) {
            this.re = re;
        }

        List<List<Node>> alternation() {
            List<List<Node>> alts = new ArrayList<>();
            alts.add(sequence());
            while (pos < re.length() && re.charAt(pos) == '|') {
                pos++;
                alts.add(sequence());
            }
            return alts;
        }

        private List<Node> sequence() {
            List<Node> seq = new ArrayList<>();
            while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
                seq.add(quantified(atom()));
            }
            return seq;
        }

        private Node quantified(Node atom) {
            if (pos >= re.length()) {
                return atom;
            }
            char c = re.charAt(pos);
            int min;
            int max;
            if (c == '?') {
                min = 0;
                max = 1;
                pos++;
            } else if (c == '*') {
                min = 0;
                max = -1;
                pos++;
            } else if (c == '+') {
                min = 1;
                max = -1;
                pos++;
            } else if (c == '{' && pos + 1 < re.length() && Character.isDigit(re.charAt(pos + 1))) {
                int close = re.indexOf('}', pos);
                String[] parts = re.substring(pos + 1, close).split(",", -1);
                min = Integer.parseInt(parts[0].strip());
                max = parts.length == 1 ? min : parts[1].isBlank() ? -1 : Integer.parseInt(parts[1].strip());
                pos = close + 1;
            } else {
                return atom;
            }
            if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
                pos++; // lazy or possessive: the same lengths
            }
            return atom instanceof Zero ? atom : new Repeat(atom, min, max);
        }

        private Node atom() {
            char c = re.charAt(pos);
            switch (c) {
                case '(' -> {
                    return group();
                }
                case '[' -> {
                    return charClass();
                }
                case '.' -> {
                    pos++;
                    return new One(false);
                }
                case '^', '$' -> {
                    pos++;
                    return new Zero();
                }
                case '\\' -> {
                    return escape();
                }
                case '*', '+', '?', '{' -> throw new IllegalArgumentException("dangling quantifier at " + pos);
                default -> {
                    pos++;
                    return c < 128 ? new Lit(c) : new One(false);
                }
            }
        }

        private Node group() {
            pos++; // (
            boolean zeroWidth = false;
            if (re.startsWith("?", pos)) {
                if (re.startsWith("?:", pos) || re.startsWith("?>", pos)) {
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
                    if (flags.contains("x") || flags.contains("u") || flags.contains("U")) {
                        throw new IllegalArgumentException("unsupported flags " + flags);
                    }
                    pos = end;
                    if (re.charAt(pos) == ')') {
                        pos++;
                        return new Zero(); // (?i): a flag change; literals are folded anyway
                    }
                    if (re.charAt(pos) != ':') {
                        throw new IllegalArgumentException("unsupported group at " + pos);
                    }
                    pos++;
                }
            }
            List<List<Node>> inner = alternation();
            if (pos >= re.length() || re.charAt(pos) != ')') {
                throw new IllegalArgumentException("unclosed group");
            }
            pos++;
            return zeroWidth ? new Zero() : new Group(inner);
        }

        private Node escape() {
            if (pos + 1 >= re.length()) {
                throw new IllegalArgumentException("trailing backslash");
            }
            char e = re.charAt(pos + 1);
            pos += 2;
            if (!Character.isLetterOrDigit(e)) {
                return e < 128 ? new Lit(e) : new One(false);
            }
            return switch (e) {
                case 's' -> new One(true);
                case 'S', 'w', 'W', 'd', 'D', 'h', 'H', 'v', 'V' -> new One(false);
                case 't' -> new Lit('\t');
                case 'n' -> new Lit('\n');
                case 'r' -> new Lit('\r');
                case 'f' -> new Lit('\f');
                case 'b', 'B', 'A', 'z', 'Z' -> new Zero();
                case 'p', 'P' -> {
                    if (pos < re.length() && re.charAt(pos) == '{') {
                        pos = re.indexOf('}', pos) + 1;
                    } else {
                        pos++;
                    }
                    yield new One(false);
                }
                default -> throw new IllegalArgumentException("unsupported escape \\" + e);
            };
        }

        /** A bracket class; it is blank-only when it lists nothing but white space. */
        private Node charClass() {
            int i = pos + 1;
            boolean blankOnly = true;
            StringBuilder listed = new StringBuilder();
            boolean plainList = true;
            if (i < re.length() && re.charAt(i) == '^') {
                blankOnly = false;
                plainList = false;
                i++;
            }
            if (i < re.length() && re.charAt(i) == ']') {
                blankOnly = false;
                plainList = false;
                i++;
            }
            int depth = 1;
            while (depth > 0) {
                char c = re.charAt(i);
                if (c == '\\') {
                    char e = re.charAt(i + 1);
                    if ("stnrf".indexOf(e) < 0) {
                        blankOnly = false;
                    }
                    if (Character.isLetterOrDigit(e) || e > 127) {
                        plainList = false; // a class (\w) or a control character
                    } else {
                        listed.append(e);
                    }
                    i += 2;
                    continue;
                }
                if (c == '[' || c == '-' || c == '&' || c > 127) {
                    plainList = false;
                }
                if (c == '[') {
                    depth++;
                    blankOnly = false;
                } else if (c == ']') {
                    depth--;
                } else {
                    if (!blank(c)) {
                        blankOnly = false;
                    }
                    listed.append(c);
                }
                i++;
            }
            pos = i;
            boolean few = plainList && listed.length() > 0 && listed.length() <= 4;
            return new One(blankOnly, few ? listed.toString().toLowerCase(Locale.ROOT) : null);
        }
    }
}
