package ai.flatkey.migrate.ui.components;

import ai.flatkey.migrate.ui.support.Tone;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

import java.util.Arrays;
import java.util.List;

/** Shows a ViewModel's {@link Tone} on a node as the tone's style class (and only that one). */
public final class Tones {
    private static final List<String> ALL = Arrays.stream(Tone.values()).map(Tone::styleClass).filter(s -> !s.isEmpty()).toList();

    private Tones() {
    }

    /** Keeps {@code node}'s tone class in step with {@code tone}. */
    public static void bind(Node node, ObservableValue<Tone> tone) {
        apply(node, tone.getValue());
        tone.addListener((o, was, now) -> apply(node, now));
    }

    /** Sets {@code tone}'s class on {@code node}, removing any other tone's. */
    public static void apply(Node node, Tone tone) {
        node.getStyleClass().removeAll(ALL);
        if (tone != null && tone != Tone.NEUTRAL) {
            node.getStyleClass().add(tone.styleClass());
        }
    }
}
