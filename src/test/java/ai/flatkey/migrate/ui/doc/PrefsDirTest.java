package ai.flatkey.migrate.ui.doc;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PrefsDirTest {

    @Test
    void xdgConfigHomeWinsWhenItIsAnAbsolutePath() {
        assertThat(Prefs.defaultDir("/tmp/cfg", "/home/ann")).isEqualTo(Path.of("/tmp/cfg", "flatkey-migrate"));
    }

    @Test
    void withoutAUsableXdgConfigHomeTheFolderIsUnderTheHomeFolder() {
        Path home = Path.of("/home/ann", ".config", "flatkey-migrate");
        assertThat(Prefs.defaultDir(null, "/home/ann")).isEqualTo(home);
        assertThat(Prefs.defaultDir("  ", "/home/ann")).isEqualTo(home);
        // The XDG rule: a relative path is invalid and is ignored.
        assertThat(Prefs.defaultDir("relative/cfg", "/home/ann")).isEqualTo(home);
    }
}
