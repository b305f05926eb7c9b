package ai.flatkey.migrate.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body (RFC 7578) as the demo gateway reads it: the parts in order, each with its
 * field name, file name and type when it is a file, and its bytes.
 */
final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?i)[;\\s]name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i)filename=\"([^\"]*)\"");

    /** One part. {@code fileName} is null for a plain field. */
    record Part(String name, String fileName, String contentType, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        boolean isFile() {
            return fileName != null;
        }
    }

    private final List<Part> parts;

    private Multipart(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** Whether a request's {@code Content-Type} is multipart/form-data. */
    static boolean is(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /**
     * Parses a body.
     *
     * @throws Rejection (400) when the content type names no boundary or the body is not made of its parts
     */
    static Multipart parse(String contentType, byte[] body) throws Rejection {
        Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!m.find()) {
            throw bad("The multipart/form-data Content-Type names no boundary.");
        }
        byte[] delimiter = ("--" + (m.group(1) != null ? m.group(1) : m.group(2))).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw bad("The multipart body does not contain its boundary.");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            int afterDelimiter = at + delimiter.length;
            if (startsWith(body, afterDelimiter, "--")) {
                break;
            }
            int headersStart = skipLineEnd(body, afterDelimiter);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), headersStart);
            if (headersEnd < 0) {
                throw bad("A multipart part has no end of headers.");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int dataStart = headersEnd + 4;
            byte[] next = ("\r\n" + new String(delimiter, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
            int dataEnd = indexOf(body, next, dataStart);
            if (dataEnd < 0) {
                throw bad("The multipart body ends without its closing boundary.");
            }
            byte[] data = java.util.Arrays.copyOfRange(body, dataStart, dataEnd);
            parts.add(part(headers, data));
            at = dataEnd + 2;
        }
        return new Multipart(parts);
    }

    private static Part part(String headers, byte[] data) throws Rejection {
        String disposition = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (name.equals("content-disposition")) {
                disposition = line.substring(colon + 1).strip();
            } else if (name.equals("content-type")) {
                type = line.substring(colon + 1).strip();
            }
        }
        if (disposition == null) {
            throw bad("A multipart part has no Content-Disposition.");
        }
        Matcher n = NAME.matcher(" " + disposition);
        if (!n.find()) {
            throw bad("A multipart part has no field name.");
        }
        Matcher f = FILENAME.matcher(disposition);
        return new Part(n.group(1), f.find() ? f.group(1) : null, type, data);
    }

    /** The first field called {@code name}, as text. */
    Optional<String> field(String name) {
        return parts.stream().filter(p -> p.name().equals(name) && !p.isFile()).map(Part::text).findFirst();
    }

    /** The file parts called any of {@code names}, in order. */
    List<Part> files(String... names) {
        List<String> wanted = List.of(names);
        return parts.stream().filter(p -> p.isFile() && wanted.contains(p.name())).toList();
    }

    List<Part> parts() {
        return parts;
    }

    private static Rejection bad(String message) {
        return new Rejection(ApiError.invalidRequest(400, message, null, "invalid_multipart"));
    }

    private static int skipLineEnd(byte[] body, int at) {
        if (startsWith(body, at, "\r\n")) {
            return at + 2;
        }
        return startsWith(body, at, "\n") ? at + 1 : at;
    }

    private static boolean startsWith(byte[] body, int at, String s) {
        if (at + s.length() > body.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (body[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
