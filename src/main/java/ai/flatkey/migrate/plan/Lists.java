package ai.flatkey.migrate.plan;

import java.util.List;
import java.util.Objects;

/** Null-tolerant immutable copies for record fields read from JSON. */
final class Lists {
    private Lists() {
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }

    static String text(String s) {
        return s == null ? "" : s;
    }
}
