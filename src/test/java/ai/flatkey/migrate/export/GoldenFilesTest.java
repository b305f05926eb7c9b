package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.MigrationPlan;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Markdown and JSON exports of fixed plans with a fixed clock, compared byte for byte with the files under
 * src/test/resources/export/. After an intended change, regenerate them with
 * {@code ./mvnw -o -q test -Dtest=GoldenFilesTest -Dexport.updateGolden=true} and review the diff.
 */
class GoldenFilesTest {

    @Test
    void markdownOfTheFullPlan() throws IOException {
        golden("full-checklist.md", ChecklistMarkdown.render(ExportFixtures.full()));
    }

    @Test
    void markdownOfAPlanWithoutARun() throws IOException {
        golden("empty-checklist.md", ChecklistMarkdown.render(ExportFixtures.empty()));
    }

    @Test
    void jsonOfTheFullPlan() throws IOException {
        golden("full-export.json", PlanJson.render(ExportFixtures.full(), ExportFixtures.NOW, ExportFixtures.GENERATOR));
    }

    @Test
    void jsonOfAPlanWithoutARun() throws IOException {
        golden("empty-export.json", PlanJson.render(ExportFixtures.empty(), ExportFixtures.NOW, ExportFixtures.GENERATOR));
    }

    @Test
    void exporterWritesExactlyTheGoldenBytes(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        MigrationPlan plan = ExportFixtures.full();
        var written = ExportFixtures.exporter().export(plan, java.util.EnumSet.of(Format.MARKDOWN, Format.JSON), dir);
        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("support-bot-to-flatkey-checklist.md", "support-bot-to-flatkey-export.json");
        assertThat(Files.readString(written.get(0))).isEqualTo(resource("full-checklist.md"));
        assertThat(Files.readString(written.get(1))).isEqualTo(resource("full-export.json"));
    }

    private static void golden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("export.updateGolden")) {
            Path file = Path.of("src/test/resources/export", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("golden file export/" + name).isEqualTo(resource(name));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/export/" + name)) {
            assertThat(in).as("golden file export/" + name + " (create it with -Dexport.updateGolden=true)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
