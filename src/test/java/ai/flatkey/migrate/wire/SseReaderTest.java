package ai.flatkey.migrate.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class SseReaderTest {
    private static List<SseReader.Event> read(String text) throws IOException {
        SseReader reader = new SseReader(new Buffer().writeUtf8(text), 1024);
        List<SseReader.Event> events = new ArrayList<>();
        SseReader.Event e;
        while ((e = reader.next()) != null) {
            events.add(e);
        }
        return events;
    }

    @Test
    void lfAndCrlfFramingGiveTheSameEvents() throws IOException {
        String lf = "data: a\n\ndata: b\n\n";
        assertThat(read(lf)).isEqualTo(read(lf.replace("\n", "\r\n")))
                .extracting(SseReader.Event::data).containsExactly("a", "b");
    }

    @Test
    void commentsAreSkippedAndCounted() throws IOException {
        SseReader reader = new SseReader(new Buffer().writeUtf8(": keep-alive\n\n: OPENROUTER PROCESSING\ndata: x\n\n"),
                1024);
        assertThat(reader.next()).isEqualTo(new SseReader.Event("", "x"));
        assertThat(reader.next()).isNull();
        assertThat(reader.commentCount()).isEqualTo(2);
    }

    @Test
    void multiLineDataIsJoinedWithNewlines() throws IOException {
        assertThat(read("data: {\"a\":\ndata:  1}\ndata\n\n")).containsExactly(new SseReader.Event("", "{\"a\":\n 1}\n"));
    }

    @Test
    void eventNamesApplyToOneEvent() throws IOException {
        assertThat(read("event: error\ndata: boom\n\ndata: ok\n\n"))
                .containsExactly(new SseReader.Event("error", "boom"), new SseReader.Event("", "ok"));
    }

    @Test
    void idRetryAndUnknownFieldsAreIgnored() throws IOException {
        assertThat(read("id: 7\nretry: 100\nfoo: bar\ndata: x\n\n")).containsExactly(new SseReader.Event("", "x"));
    }

    @Test
    void pendingEventAtEndOfInputIsDelivered() throws IOException {
        assertThat(read("data: [DONE]")).containsExactly(new SseReader.Event("", "[DONE]"));
        assertThat(read("data: [DONE]\r\n")).containsExactly(new SseReader.Event("", "[DONE]"));
        assertThat(read("")).isEmpty();
        assertThat(read("\n\n: only a comment\n")).isEmpty();
    }

    @Test
    void valueWithoutSpaceAndWithColons() throws IOException {
        assertThat(read("data:{\"t\":\"a:b\"}\n\n")).containsExactly(new SseReader.Event("", "{\"t\":\"a:b\"}"));
    }

    @Test
    void oversizedLineOrEventIsRefused() {
        assertThatThrownBy(() -> read("data: " + "x".repeat(2000) + "\n\n")).isInstanceOf(SseReader.TooLarge.class);
        assertThatThrownBy(() -> read(("data: " + "x".repeat(300) + "\n").repeat(5) + "\n"))
                .isInstanceOf(SseReader.TooLarge.class);
        assertThatThrownBy(() -> read("x".repeat(2000))).isInstanceOf(SseReader.TooLarge.class);
    }

    @Test
    void utf8SplitAcrossReadsSurvives() throws IOException {
        assertThat(read("data: héllo — 你好 🙂\n\n")).extracting(SseReader.Event::data).containsExactly("héllo — 你好 🙂");
    }
}
