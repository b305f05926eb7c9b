package ai.flatkey.migrate.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo gateway's model catalog: a realistic multi-vendor list with demo prices per 1M tokens, plus the fault
 * models ({@code demo-truncate}, {@code demo-429}, ...), which are always served but listed only when asked for.
 */
final class Catalog {

    /** Fault models date from the demo gateway's first release with them. */
    private static final long FAULT_MODELS_CREATED = 1_767_225_600L;

    private final List<CatalogModel> listed;
    private final List<CatalogModel> all;

    Catalog(List<CatalogModel> listed, List<CatalogModel> unlisted) {
        this.listed = List.copyOf(listed);
        List<CatalogModel> everything = new ArrayList<>(listed);
        unlisted.stream().filter(m -> !listed.contains(m)).forEach(everything::add);
        this.all = List.copyOf(everything);
    }

    Catalog(List<CatalogModel> models) {
        this(models, List.of());
    }

    /** The catalog every demo gateway serves, fault models unlisted. Prices are illustrative figures, not quotes. */
    static Catalog standard() {
        return standard(false);
    }

    static Catalog standard(boolean listFaultModels) {
        List<CatalogModel> models = List.of(
                new CatalogModel("gpt-5.5", "openai", 1_776_729_600L, true, true, 1.25, 10.00),
                new CatalogModel("gpt-4.1-mini", "openai", 1_744_675_200L, true, true, 0.40, 1.60),
                new CatalogModel("gpt-4o-mini", "openai", 1_721_174_400L, true, true, 0.15, 0.60),
                new CatalogModel("claude-sonnet-4.5", "anthropic", 1_759_190_400L, true, true, 3.00, 15.00),
                new CatalogModel("claude-haiku-4.5", "anthropic", 1_760_659_200L, true, true, 1.00, 5.00),
                new CatalogModel("gemini-2.5-flash", "google", 1_750_204_800L, true, true, 0.30, 2.50),
                new CatalogModel("gemini-2.5-pro", "google", 1_750_204_800L, true, true, 1.25, 10.00),
                new CatalogModel("deepseek-chat", "deepseek", 1_758_931_200L, true, false, 0.28, 0.42),
                new CatalogModel("qwen3-max", "alibaba", 1_758_672_000L, true, false, 1.20, 6.00),
                new CatalogModel("text-embedding-3-small", "openai", 1_705_953_600L, false, false, 0.02, 0.00),
                // The endpoint families beyond chat (listed after the chat and embedding models)
                CatalogModel.media("gpt-image-1", "openai", 1_745_366_400L, CatalogModel.Family.IMAGES, 0, 0, 0.04),
                CatalogModel.media("dall-e-3", "openai", 1_698_796_800L, CatalogModel.Family.IMAGES, 0, 0, 0.04),
                CatalogModel.media("whisper-1", "openai", 1_677_532_800L, CatalogModel.Family.TRANSCRIPTION, 0, 0,
                        0.006),
                CatalogModel.media("gpt-4o-mini-transcribe", "openai", 1_742_428_800L,
                        CatalogModel.Family.TRANSCRIPTION, 1.25, 5.00, 0),
                CatalogModel.media("gpt-4o-mini-tts", "openai", 1_742_428_800L, CatalogModel.Family.SPEECH, 0.60,
                        12.00, 0),
                CatalogModel.media("omni-moderation-latest", "openai", 1_727_136_000L,
                        CatalogModel.Family.MODERATION, 0, 0, 0),
                // a video model's per-call price is per second of video, as new-api bills a task (× seconds asked)
                CatalogModel.media("sora-2", "openai", 1_759_363_200L, CatalogModel.Family.VIDEO, 0, 0, 0.10));
        List<CatalogModel> faults = faultModels();
        if (listFaultModels) {
            List<CatalogModel> both = new ArrayList<>(models);
            both.addAll(faults);
            return new Catalog(both, List.of());
        }
        return new Catalog(models, faults);
    }

    private static List<CatalogModel> faultModels() {
        List<CatalogModel> models = new ArrayList<>();
        for (Map.Entry<String, String> fault : Faults.MODELS.entrySet()) {
            models.add(new CatalogModel(fault.getKey(), "flatkey-demo", FAULT_MODELS_CREATED, true, false, 0.15,
                    0.60));
        }
        for (String id : MediaFault.MODELS.keySet()) {
            CatalogModel.Family family = MediaFault.familyOf(id);
            models.add(switch (family) {
                case IMAGES -> CatalogModel.media(id, "flatkey-demo", FAULT_MODELS_CREATED, family, 0, 0, 0.04);
                case TRANSCRIPTION -> CatalogModel.media(id, "flatkey-demo", FAULT_MODELS_CREATED, family, 0, 0, 0.006);
                case VIDEO -> CatalogModel.media(id, "flatkey-demo", FAULT_MODELS_CREATED, family, 0, 0, 0.40);
                case SPEECH -> CatalogModel.media(id, "flatkey-demo", FAULT_MODELS_CREATED, family, 0.60, 12.00, 0);
                default -> CatalogModel.media(id, "flatkey-demo", FAULT_MODELS_CREATED, family, 0, 0, 0);
            });
        }
        return models;
    }

    /** The models {@code /v1/models} lists. */
    List<CatalogModel> models() {
        return listed;
    }

    List<String> ids() {
        return listed.stream().map(CatalogModel::id).toList();
    }

    /** Any model the gateway serves, listed or not. */
    Optional<CatalogModel> find(String id) {
        return all.stream().filter(m -> m.id().equals(id)).findFirst();
    }
}
