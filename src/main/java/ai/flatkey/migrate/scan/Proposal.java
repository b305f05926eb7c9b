package ai.flatkey.migrate.scan;

import ai.flatkey.migrate.plan.SourceProvider;

import java.util.List;

/**
 * One value the scan proposes for the plan, with the findings it rests on. The person accepts or rejects each;
 * {@link Prefill#merge} applies the accepted ones. {@code id} is stable across scans of the same code
 * (e.g. {@code sdk}, {@code endpoint:chat}, {@code mapping:gpt-4o}, {@code provider:Groq}). {@code features} and
 * {@code notes} are used by mapping rows only; {@code provider} is the provider row a {@link Target#PROVIDER} proposal
 * adds, and the provider a mapping row's model is sent to (null when there is none).
 */
public record Proposal(String id, Target target, String value, List<String> features, String notes, Confidence confidence,
                       List<String> evidence, String reason, SourceProvider provider) {

    /** A proposal that names no provider. */
    public Proposal(String id, Target target, String value, List<String> features, String notes, Confidence confidence,
                    List<String> evidence, String reason) {
        this(id, target, value, features, notes, confidence, evidence, reason, null);
    }

    /** Where the value goes. */
    public enum Target {
        SDK("SDK or wrapper"), ENDPOINT("Endpoint family"), BASE_URL("Current base URL"), PRODUCTION_MODEL("Production model"),
        FALLBACK_MODEL("Fallback model"), MESSAGE_SHAPE("Message shape"), STREAM("stream"), TEMPERATURE("temperature"),
        MAX_TOKENS("max tokens"), TOOLS("tools / function calls"), JSON_OUTPUT("JSON output"), RESPONSE_FORMAT("response_format"),
        SEED("seed"), TIMEOUT("timeout (seconds)"), RETRIES("retries"), SOURCE_KEY_REF("Current key reference"),
        PROVIDER("Provider row"), MAPPING("Model mapping row");

        private final String label;

        Target(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Proposal {
        features = features == null ? List.of() : List.copyOf(features);
        notes = notes == null ? "" : notes;
        evidence = List.copyOf(evidence);
        reason = reason == null ? "" : reason;
    }

    /** Whether this mapping row's source is an Azure deployment name (the mapping is then deployment → model). */
    public boolean deployment() {
        return target == Target.MAPPING && provider != null && provider.isDeployment(value);
    }

    /** Proposals at HIGH or MEDIUM confidence start accepted; LOW ones wait for the person. */
    public boolean acceptedByDefault() {
        return confidence != Confidence.LOW;
    }
}
