package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.SmokeRun;

import java.util.Locale;

/**
 * A smoke run as JUnit XML for CI readers (Jenkins, GitLab, GitHub test reporters): one {@code testsuite} for the
 * target, one {@code testcase} per check; a Fail is a {@code failure} and an Error an {@code error} whose message is
 * the rule and the reason; an Unsupported check is a {@code failure} of type {@code unsupported} (the app uses the
 * feature, so the run does not pass). The transcript goes to {@code system-out}. Everything is escaped.
 */
final class JunitXml {
    private JunitXml() {
    }

    static String render(String planName, SmokeRun run) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long failures = run.results().stream().filter(r -> switch (r.verdict()) {
            case FAIL, UNSUPPORTED -> true;
            default -> false;
        }).count();
        long errors = run.results().stream().filter(r -> r.verdict() == ai.flatkey.migrate.plan.Verdict.ERROR).count();
        double total = run.results().stream().mapToLong(r -> r.totalMs() == null ? 0 : r.totalMs()).sum() / 1000.0;
        String suite = "flatkey-migrate smoke: " + planName;
        sb.append("<testsuites name=\"").append(attr(suite)).append("\" tests=\"").append(run.results().size())
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors).append("\">\n");
        sb.append("  <testsuite name=\"").append(attr(suite)).append("\" tests=\"").append(run.results().size())
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                .append("\" skipped=\"0\" time=\"").append(seconds(total)).append("\" timestamp=\"")
                .append(attr(run.startedAt().replaceAll("Z$", ""))).append("\">\n");
        sb.append("    <properties>\n      <property name=\"target\" value=\"").append(attr(run.targetBaseUrl()))
                .append("\"/>\n    </properties>\n");
        for (CheckResult r : run.results()) {
            sb.append("    <testcase classname=\"smoke.").append(attr(r.feature())).append("\" name=\"")
                    .append(attr(r.checkId())).append("\" time=\"")
                    .append(seconds(r.totalMs() == null ? 0 : r.totalMs() / 1000.0)).append('"');
            String message = (r.ruleId().isBlank() ? "" : "[" + r.ruleId() + "] ") + r.reason();
            String detail = message + (r.curl().isBlank() ? "" : "\n\nReproduce: " + r.curl());
            switch (r.verdict()) {
                case PASS -> sb.append(">\n");
                case FAIL, UNSUPPORTED -> sb.append(">\n      <failure message=\"").append(attr(message)).append("\" type=\"")
                        .append(r.verdict() == ai.flatkey.migrate.plan.Verdict.FAIL ? attr(r.ruleId().isBlank() ? "fail" : r.ruleId())
                                : "unsupported").append("\">").append(text(detail)).append("</failure>\n");
                case ERROR -> sb.append(">\n      <error message=\"").append(attr(message)).append("\" type=\"error\">")
                        .append(text(detail)).append("</error>\n");
            }
            if (!r.transcript().isBlank()) {
                sb.append("      <system-out>").append(text(r.transcript())).append("</system-out>\n");
            }
            sb.append("    </testcase>\n");
        }
        sb.append("  </testsuite>\n</testsuites>\n");
        return sb.toString();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** Text content: XML-escaped, with characters XML 1.0 forbids replaced. */
    static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                default -> {
                    boolean legal = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                    sb.appendCodePoint(legal ? c : 0xFFFD);
                }
            }
        });
        return sb.toString();
    }

    static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }
}
