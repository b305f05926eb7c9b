package ai.flatkey.migrate.demo;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/families.md names every fault model of the endpoint families, and every fault's header token. */
class MediaFaultDocTest {

    @Test
    void everyFaultModelAndTokenIsNamed() throws Exception {
        String doc = Files.readString(Path.of("docs/families.md"));
        assertThat(MediaFault.MODELS.keySet()).allSatisfy(model -> assertThat(doc).contains("`" + model + "`"));
        assertThat(doc).contains("`" + MediaFault.AUDIO_STREAM_NO_DONE.token() + "`");
    }
}
