package ai.flatkey.migrate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Which command lines open the wizard with a plan (a desktop double-click) rather than run a CLI sub-command. */
class MainTest {

    @TempDir
    Path tmp;

    @Test
    void aSingleExistingJsonFileOpensTheWizard() throws Exception {
        Path plan = Files.writeString(tmp.resolve("support.flatkey-plan.json"), "{}");
        Path upper = Files.writeString(tmp.resolve("PLAN.JSON"), "{}");
        assertThat(Main.isPlanFile(new String[] {plan.toString()})).isTrue();
        assertThat(Main.isPlanFile(new String[] {upper.toString()})).isTrue();
    }

    @Test
    void subCommandsMissingFilesFoldersAndExtraArgumentsStayOnTheCommandLine() throws Exception {
        Path plan = Files.writeString(tmp.resolve("plan.json"), "{}");
        Path folder = Files.createDirectory(tmp.resolve("plans.json"));
        Path text = Files.writeString(tmp.resolve("plan.txt"), "{}");
        assertThat(Main.isPlanFile(new String[] {"run"})).isFalse();
        assertThat(Main.isPlanFile(new String[] {"--version"})).isFalse();
        assertThat(Main.isPlanFile(new String[] {"run", plan.toString()})).isFalse();
        assertThat(Main.isPlanFile(new String[] {tmp.resolve("missing.json").toString()})).isFalse();
        assertThat(Main.isPlanFile(new String[] {folder.toString()})).isFalse();
        assertThat(Main.isPlanFile(new String[] {text.toString()})).isFalse();
        assertThat(Main.isPlanFile(new String[] {"bad\0name.json"})).isFalse();
        assertThat(Main.isPlanFile(new String[0])).isFalse();
    }
}
