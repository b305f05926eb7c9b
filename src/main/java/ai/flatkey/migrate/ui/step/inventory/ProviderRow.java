package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.plan.SourceProvider;
import javafx.beans.property.Property;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;

/** One provider row of the inventory step: what the scan found for it, and the person's decision (migrate / keep). */
public final class ProviderRow {
    /** The decision values the choice offers, in order; "" is not decided. */
    public static final List<String> DECISIONS = List.of(SourceProvider.MIGRATE, SourceProvider.KEEP, "");

    final SourceProvider provider;
    final StringProperty decision = new SimpleStringProperty(this, "decision", "");

    ProviderRow(SourceProvider provider) {
        this.provider = provider;
        decision.set(provider.decision());
    }

    public String name() {
        return provider.name();
    }

    /**
     * The name as the table shows it beside the Host column: "Azure OpenAI" for "Azure OpenAI (contoso.openai.azure.com)"
     * (the host is in its own column), else the name.
     */
    public String shortName() {
        String suffix = " (" + host() + ")";
        String n = provider.name();
        return n.endsWith(suffix) && n.length() > suffix.length() ? n.substring(0, n.length() - suffix.length()) : n;
    }

    /** The host of its base URL, or how the base URL is read ("env:AZURE_OPENAI_ENDPOINT"), or "—". */
    public String host() {
        return provider.host();
    }

    /** Its model IDs and Azure deployment names in words. */
    public String sent() {
        return provider.sentText();
    }

    /** What a migration of it must know (the scan's notes), for a tooltip. */
    public String notes() {
        return provider.notes();
    }

    /** {@link SourceProvider#MIGRATE}, {@link SourceProvider#KEEP} or "" (not decided). */
    public Property<String> decisionProperty() {
        return decision;
    }

    /** A decision value as the choice shows it. */
    public static String label(String decision) {
        if (SourceProvider.MIGRATE.equals(decision)) {
            return "Migrate";
        }
        return SourceProvider.KEEP.equals(decision) ? "Keep" : "Not decided";
    }

    SourceProvider withDecision() {
        return provider.withDecision(decision.get());
    }
}
