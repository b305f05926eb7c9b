package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.scan.Prefill;
import ai.flatkey.migrate.scan.Proposal;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One proposed value in the scan table: the proposal, whether the person accepts it, its evidence and its effect. */
public final class ProposalRow {
    final Proposal proposal;
    public final BooleanProperty accepted;
    public final String field;
    public final String value;
    public final String evidence;
    public final String confidence;
    public final StringProperty effect = new SimpleStringProperty(this, "effect", "");
    /** Whether applying it would change the plan (it fills, ticks or adds something). */
    final BooleanProperty changesPlan = new SimpleBooleanProperty(this, "changesPlan");

    ProposalRow(Proposal proposal, String evidence, boolean acceptedAtFirst) {
        this.proposal = proposal;
        this.accepted = new SimpleBooleanProperty(this, "accepted", acceptedAtFirst);
        this.field = proposal.target().label();
        String v = proposal.value();
        if (proposal.target() == Proposal.Target.MAPPING) {
            String target = Prefill.mappingTarget(proposal);
            v = (proposal.deployment() ? "deployment " : "") + v + " → " + (target.isEmpty() ? "(the model behind it: asked in step 3)" : target)
                    + (proposal.features().isEmpty() ? "" : "  (" + String.join(", ", proposal.features()) + ")");
        } else if (proposal.target() == Proposal.Target.PROVIDER && proposal.provider() != null) {
            v = v + ": " + proposal.provider().decision();
        }
        this.value = v;
        this.evidence = evidence;
        this.confidence = proposal.confidence().name().toLowerCase(java.util.Locale.ROOT);
    }

    public Proposal proposal() {
        return proposal;
    }
}
