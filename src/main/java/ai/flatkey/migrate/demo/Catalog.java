package ai.flatkey.migrate.demo;

import java.util.List;
import java.util.Optional;

/** The demo gateway's model catalog: a realistic multi-vendor list with demo prices per 1M tokens. */
final class Catalog {

    private final List<CatalogModel> models;

    Catalog(List<CatalogModel> models) {
        this.models = List.copyOf(models);
    }

    /** The catalog every demo gateway serves. Prices are illustrative figures, not quotes. */
    static Catalog standard() {
        return new Catalog(List.of(
                new CatalogModel("gpt-5.5", "openai", 1_776_729_600L, true, true, 1.25, 10.00),
                new CatalogModel("gpt-4.1-mini", "openai", 1_744_675_200L, true, true, 0.40, 1.60),
                new CatalogModel("gpt-4o-mini", "openai", 1_721_174_400L, true, true, 0.15, 0.60),
                new CatalogModel("claude-sonnet-4.5", "anthropic", 1_759_190_400L, true, true, 3.00, 15.00),
                new CatalogModel("claude-haiku-4.5", "anthropic", 1_760_659_200L, true, true, 1.00, 5.00),
                new CatalogModel("gemini-2.5-flash", "google", 1_750_204_800L, true, true, 0.30, 2.50),
                new CatalogModel("gemini-2.5-pro", "google", 1_750_204_800L, true, true, 1.25, 10.00),
                new CatalogModel("deepseek-chat", "deepseek", 1_758_931_200L, true, false, 0.28, 0.42),
                new CatalogModel("qwen3-max", "alibaba", 1_758_672_000L, true, false, 1.20, 6.00),
                new CatalogModel("text-embedding-3-small", "openai", 1_705_953_600L, false, false, 0.02, 0.00)));
    }

    List<CatalogModel> models() {
        return models;
    }

    List<String> ids() {
        return models.stream().map(CatalogModel::id).toList();
    }

    Optional<CatalogModel> find(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }
}
