package ai.flatkey.migrate.wire;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The raw facts of a chat stream that a conformance checker needs, one {@link Chunk} per decoded chunk.
 *
 * @param chunks       every decoded chunk, in order
 * @param commentLines SSE comment lines seen ({@code : keep-alive})
 * @param crlf         whether any line ended in CRLF
 * @param sawDone      whether {@code data: [DONE]} arrived
 */
public record StreamTrace(List<Chunk> chunks, int commentLines, boolean crlf, boolean sawDone) {
    public StreamTrace {
        chunks = List.copyOf(chunks);
    }

    /**
     * Facts of one chunk.
     *
     * @param atMs                      arrival, ms since the request was sent
     * @param event                     the SSE {@code event:} name, or empty
     * @param object                    the {@code object} field, or empty
     * @param id                        the {@code id} field, or empty
     * @param created                   the {@code created} field, or null
     * @param model                     the {@code model} field, or empty
     * @param choiceCount               size of {@code choices} (0 for {@code choices: []} or when absent)
     * @param choicesPresent            whether the chunk had a {@code choices} array at all
     * @param finishedChoices           the {@code index} of each choice with a non-null {@code finish_reason}
     * @param hasUsage                  whether {@code usage} was a non-null object
     * @param hasDelta                  whether every choice carried a {@code delta} object
     * @param toolFragments             tool-call fragments in this chunk
     * @param toolFragmentsWithoutIndex of those, how many lacked {@code index}
     * @param contentChars              characters of content this chunk added (all choices)
     */
    public record Chunk(long atMs, String event, String object, String id, Long created, String model,
                        int choiceCount, boolean choicesPresent, List<Integer> finishedChoices, boolean hasUsage,
                        boolean hasDelta, int toolFragments, int toolFragmentsWithoutIndex, int contentChars) {
        public Chunk {
            finishedChoices = List.copyOf(finishedChoices);
        }
    }

    /** Distinct {@code id} values over all chunks (a conforming stream has exactly one). */
    public Set<String> distinctIds() {
        Set<String> s = new LinkedHashSet<>();
        chunks.forEach(c -> s.add(c.id()));
        return s;
    }

    /** Distinct {@code created} values (null for a chunk without one). */
    public Set<Long> distinctCreated() {
        Set<Long> s = new LinkedHashSet<>();
        chunks.forEach(c -> s.add(c.created()));
        return s;
    }

    /** Distinct {@code object} values (expected: only {@code chat.completion.chunk}). */
    public Set<String> distinctObjects() {
        Set<String> s = new LinkedHashSet<>();
        chunks.forEach(c -> s.add(c.object()));
        return s;
    }

    /** How many non-null {@code finish_reason}s each choice index got (a conforming stream: exactly 1 each). */
    public Map<Integer, Integer> finishReasonCounts() {
        Map<Integer, Integer> m = new LinkedHashMap<>();
        for (Chunk c : chunks) {
            for (Integer i : c.finishedChoices()) {
                m.merge(i, 1, Integer::sum);
            }
        }
        return m;
    }

    /** Chunks with {@code choices: []} (or none) and no usage: filter results a client reading choices[0] trips on. */
    public int emptyChoiceChunksWithoutUsage() {
        return (int) chunks.stream().filter(c -> c.choiceCount() == 0 && !c.hasUsage()).count();
    }

    /** Whether the very first chunk had empty {@code choices}. */
    public boolean firstChunkHasEmptyChoices() {
        return !chunks.isEmpty() && chunks.get(0).choiceCount() == 0;
    }

    public int usageChunks() {
        return (int) chunks.stream().filter(Chunk::hasUsage).count();
    }

    /** Whether the (single) usage chunk is the last chunk and has {@code choices: []}, as include_usage specifies. */
    public boolean usageOnlyInFinalEmptyChunk() {
        if (usageChunks() != 1) {
            return false;
        }
        Chunk last = chunks.get(chunks.size() - 1);
        return last.hasUsage() && last.choiceCount() == 0;
    }

    public int toolFragments() {
        return chunks.stream().mapToInt(Chunk::toolFragments).sum();
    }

    public int toolFragmentsWithoutIndex() {
        return chunks.stream().mapToInt(Chunk::toolFragmentsWithoutIndex).sum();
    }

    /** Chunks that added content: more than one means the answer really streamed. */
    public int contentChunks() {
        return (int) chunks.stream().filter(c -> c.contentChars() > 0).count();
    }

    /** Milliseconds between the first and the last content chunk (0 when fewer than two). */
    public long contentSpreadMs() {
        List<Chunk> content = chunks.stream().filter(c -> c.contentChars() > 0).toList();
        return content.size() < 2 ? 0 : content.get(content.size() - 1).atMs() - content.get(0).atMs();
    }

    /** Whether every chunk's {@code object} equals {@code expected}. */
    public boolean allObjectsAre(String expected) {
        return chunks.stream().allMatch(c -> Objects.equals(c.object(), expected));
    }
}
