package ai.flatkey.migrate.demo;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyComposerTest {

    private static final CatalogModel MODEL = Catalog.standard().find("gpt-4o-mini").orElseThrow();

    @Test
    void estimatesPromptTokensFromWordsMessagesAndImages() {
        assertThat(ReplyComposer.promptTokens(List.of(new PromptMessage("user", "one two three", 0))))
                .isEqualTo(4 + 3);
        assertThat(ReplyComposer.promptTokens(List.of(
                new PromptMessage("system", "Be brief.", 0),
                new PromptMessage("user", "  ", 2)))).isEqualTo((3 + 3) + (0 + 3 + 170));
    }

    @Test
    void splitsIntoWordsWithTheirLeadingSpace() {
        assertThat(ReplyComposer.pieces("Hello  there\nworld")).containsExactly("Hello", " there", " world");
        assertThat(ReplyComposer.pieces("   ")).isEmpty();
    }

    @Test
    void answersTheLastUserMessageDeterministically() {
        List<PromptMessage> messages = List.of(
                new PromptMessage("user", "first question", 0),
                new PromptMessage("assistant", "an answer", 0),
                new PromptMessage("user", "the second question is this one", 0));
        ChatCall call = new ChatCall(MODEL, messages, false, false, OptionalInt.empty());

        Completion first = ReplyComposer.complete(call);
        Completion second = ReplyComposer.complete(call);

        assertThat(first).isEqualTo(second);
        assertThat(first.text()).startsWith("Demo gateway reply from gpt-4o-mini: you said \"the second question")
                .doesNotContain("first question");
        assertThat(first.finishReason()).isEqualTo("stop");
        assertThat(first.completionTokens()).isBetween(30, 60);
        assertThat(first.totalTokens()).isEqualTo(first.promptTokens() + first.completionTokens());
    }

    @Test
    void quotesOnlyTheStartOfALongMessage() {
        String longText = "w ".repeat(500);
        Completion completion = ReplyComposer.complete(new ChatCall(MODEL,
                List.of(new PromptMessage("user", longText, 0)), false, false, OptionalInt.empty()));

        assertThat(completion.completionTokens()).isLessThanOrEqualTo(60);
        assertThat(completion.text()).contains("w w w w w w w w w w ...");
    }

    @Test
    void truncatesAtTheTokenLimit() {
        Completion completion = ReplyComposer.complete(new ChatCall(MODEL,
                List.of(new PromptMessage("user", "hi", 0)), false, false, OptionalInt.of(4)));

        assertThat(completion.pieces()).containsExactly("Demo", " gateway", " reply", " from");
        assertThat(completion.finishReason()).isEqualTo("length");
    }

    @Test
    void saysSoWhenThereIsNoUserMessage() {
        Completion completion = ReplyComposer.complete(new ChatCall(MODEL,
                List.of(new PromptMessage("system", "You are terse.", 0)), false, false, OptionalInt.empty()));

        assertThat(completion.text()).contains("there was no user message to answer.");
    }
}
