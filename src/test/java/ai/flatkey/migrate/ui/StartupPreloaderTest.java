package ai.flatkey.migrate.ui;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StartupPreloaderTest {

    @Test
    void theListNamesTheStartScreensClassesAndTheyStillExist() {
        List<String> names = StartupPreloader.names();
        assertThat(names).hasSizeGreaterThan(500)
                .contains("ai.flatkey.migrate.ui.WizardWindow", "ai.flatkey.migrate.ui.StartScreen",
                        "javafx.scene.control.Button")
                // The menu bar comes after the first frame (WizardWindow.installMenu), and Bind stands in for Bindings.
                .doesNotContain("javafx.scene.control.MenuBar", "javafx.beans.binding.Bindings")
                .doesNotHaveDuplicates();
        long missing = names.stream().filter(n -> {
            try {
                Class.forName(n, false, StartupPreloader.class.getClassLoader());
                return false;
            } catch (ClassNotFoundException | LinkageError e) {
                return true;
            }
        }).count();
        // A few may come and go with JDK or library updates; more means the list is stale:
        // re-record it with bench/startup-classes.sh.
        assertThat(missing).as("listed classes that no longer exist (re-run bench/startup-classes.sh)")
                .isLessThanOrEqualTo(names.size() / 20);
        assertThat(StartupPreloader.preload()).isEqualTo(names.size() - (int) missing);
    }
}
