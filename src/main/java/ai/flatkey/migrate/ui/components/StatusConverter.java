package ai.flatkey.migrate.ui.components;

import ai.flatkey.migrate.plan.ItemStatus;
import javafx.util.StringConverter;

import java.util.Arrays;

/** Shows {@link ItemStatus} as "open" / "done" / "n/a". */
public final class StatusConverter extends StringConverter<ItemStatus> {
    @Override
    public String toString(ItemStatus s) {
        return s == null ? "" : s.label();
    }

    @Override
    public ItemStatus fromString(String text) {
        return Arrays.stream(ItemStatus.values()).filter(s -> s.label().equals(text)).findFirst().orElse(ItemStatus.OPEN);
    }
}
