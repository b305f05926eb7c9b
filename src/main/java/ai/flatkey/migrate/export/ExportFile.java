package ai.flatkey.migrate.export;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One rendered file: a path relative to the export folder (a name, or {@code folder/name} for snippets) and its bytes.
 */
public record ExportFile(Format format, String name, byte[] content) {

    public ExportFile {
        content = content.clone();
    }

    static ExportFile text(Format format, String name, String text) {
        return new ExportFile(format, name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExportFile f && f.format == format && f.name.equals(name) && Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * format.hashCode() + name.hashCode()) + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return name + " (" + content.length + " bytes)";
    }
}
