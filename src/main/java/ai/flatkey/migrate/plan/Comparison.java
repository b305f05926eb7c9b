package ai.flatkey.migrate.plan;

import java.util.List;

/**
 * One check run against the current provider (source) and the target, compared by verdict and response shape —
 * never by text, since a model mapped to another model answers differently.
 *
 * @param checkId        the target check's ID
 * @param sourceModel    the model asked on the source
 * @param targetModel    the model asked on the target
 * @param sourceVerdict  the source check's verdict
 * @param targetVerdict  the target check's verdict
 * @param differences    shape differences in plain words (fields present/absent, finish_reason, tool calls, usage);
 *                       empty when the shapes match
 * @param sourceTotalMs  total time on the source, or null
 * @param targetTotalMs  total time on the target, or null
 * @param sourceTokens   total tokens on the source, or null
 * @param targetTokens   total tokens on the target, or null
 */
public record Comparison(String checkId, String sourceModel, String targetModel, Verdict sourceVerdict, Verdict targetVerdict,
                         List<String> differences, Long sourceTotalMs, Long targetTotalMs, Integer sourceTokens,
                         Integer targetTokens) {
    public Comparison {
        checkId = Lists.text(checkId);
        sourceModel = Lists.text(sourceModel);
        targetModel = Lists.text(targetModel);
        differences = Lists.copy(differences);
    }

    /** Same verdict and no shape difference. */
    public boolean matches() {
        return sourceVerdict == targetVerdict && differences.isEmpty();
    }
}
