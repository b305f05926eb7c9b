package ai.flatkey.migrate.wire;

/**
 * Shape facts of a non-streamed chat answer, for conformance checks.
 *
 * @param object         the {@code object} field (expected {@code chat.completion}); empty when absent
 * @param created        the {@code created} field, or null when absent or not a number
 * @param role           {@code choices[0].message.role}; empty when absent
 * @param choiceCount    how many choices arrived
 * @param choiceIndex    {@code choices[0].index}, or null when absent
 * @param contentIsNull  whether {@code message.content} was JSON null or absent (normal with tool calls)
 */
public record ChatShape(String object, Long created, String role, int choiceCount, Integer choiceIndex,
                        boolean contentIsNull) {
}
