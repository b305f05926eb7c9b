package ai.flatkey.migrate.scan;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Parameters;
import ai.flatkey.migrate.plan.SourceProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns a scan into proposals for the plan and merges the accepted ones. {@link #merge} only fills what is empty,
 * adds what is missing and turns flags on: it never overwrites or removes a value already in the plan, so
 * re-scanning after editing keeps every edit.
 */
public final class Prefill {

    /** What merging one proposal would do to a plan. */
    public enum Effect {
        /** The plan has no value there yet: the proposal fills it. */
        FILLS,
        /** The plan already holds this value. */
        ALREADY_SET,
        /** The plan holds a different value, which is kept. */
        KEEPS_PLAN_VALUE
    }

    private Prefill() {
    }

    /** Proposals for every plan field the scan has evidence for, each linked to its findings. */
    public static List<Proposal> propose(ScanResult scan) {
        List<Proposal> out = new ArrayList<>();
        List<Finding> fs = scan.findings();
        sdk(out, fs);
        group(fs, f -> f.kind() == FindingKind.CALL).forEach((family, list) -> out.add(new Proposal("endpoint:" + family,
                Proposal.Target.ENDPOINT, family, null, null, Confidence.HIGH, ids(list), list.size() + " call site(s)")));
        baseUrl(out, fs);
        Map<String, List<Finding>> models = group(fs, f -> f.kind() == FindingKind.MODEL);
        Map<String, String> families = modelFamilies(scan, models.keySet());
        chatModels(out, models, families);
        messageShape(out, fs);
        flag(out, fs, InventoryField.STREAM, "param:stream", Proposal.Target.STREAM);
        flag(out, fs, InventoryField.TOOLS, "param:tools", Proposal.Target.TOOLS);
        responseFormat(out, fs);
        number(out, fs, InventoryField.TEMPERATURE, "param:temperature", Proposal.Target.TEMPERATURE);
        number(out, fs, InventoryField.MAX_TOKENS, "param:maxTokens", Proposal.Target.MAX_TOKENS);
        number(out, fs, InventoryField.SEED, "param:seed", Proposal.Target.SEED);
        number(out, fs, InventoryField.TIMEOUT, "param:timeout", Proposal.Target.TIMEOUT);
        number(out, fs, InventoryField.RETRIES, "param:retries", Proposal.Target.RETRIES);
        sourceKey(out, fs);
        Map<String, SourceProvider> rows = providers(out, scan);
        mappings(out, scan, models, families, rows);
        return List.copyOf(out);
    }

    /**
     * One row per provider the code talks to (by host, SDK class or LiteLLM prefix), with its models, deployments,
     * calls, key, auth and api-version, proposed for migration (a provider that is already the Flatkey gateway: kept).
     * Returns the rows by name.
     */
    private static Map<String, SourceProvider> providers(List<Proposal> out, ScanResult scan) {
        List<Finding> fs = scan.findings();
        Map<String, List<Finding>> named = group(fs, f -> f.kind() == FindingKind.PROVIDER);
        for (CallSite c : scan.calls()) {
            if (!c.provider().isEmpty()) {
                named.computeIfAbsent(c.provider(), k -> new ArrayList<>());
            }
        }
        Map<String, SourceProvider> rows = new LinkedHashMap<>();
        named.forEach((name, providerFindings) -> {
            List<Finding> mine = fs.stream().filter(f -> f.provider().equals(name)).toList();
            List<CallSite> calls = scan.calls().stream().filter(c -> c.provider().equals(name)).toList();
            boolean azure = Providers.isAzure(name);
            String baseUrl = top(mine, f -> f.kind() == FindingKind.BASE_URL && f.field() == InventoryField.CURRENT_BASE_URL);
            if (baseUrl.isEmpty() && name.startsWith(Providers.RUNTIME)) {
                baseUrl = name.substring(Providers.RUNTIME.length());
            }
            if (baseUrl.isEmpty()) {
                String env = top(mine, f -> f.kind() == FindingKind.ENV_VAR && f.field() == InventoryField.NONE && f.detail().startsWith("base URL"));
                baseUrl = env.isEmpty() ? "" : "env:" + env;
            }
            Set<String> sdks = new LinkedHashSet<>();
            mine.stream().filter(f -> f.kind() == FindingKind.SDK && f.confidence() != Confidence.LOW).forEach(f -> sdks.add(f.value()));
            calls.forEach(c -> sdks.add(c.sdk()));
            List<String> models = distinct(mine, f -> f.kind() == FindingKind.MODEL && f.field() == InventoryField.MODEL);
            List<String> deployments = distinct(mine, f -> f.kind() == FindingKind.MODEL && f.field() == InventoryField.DEPLOYMENT);
            Set<String> endpoints = new LinkedHashSet<>();
            calls.forEach(c -> endpoints.add(c.family()));
            String key = top(mine, f -> f.kind() == FindingKind.ENV_VAR && f.field() == InventoryField.SOURCE_KEY_REF);
            String keyEnv = key.startsWith("env:") ? key.substring(4) : "";
            List<String> auths = distinct(mine, f -> f.kind() == FindingKind.PARAMETER && f.field() == InventoryField.AUTH);
            String auth = auths.contains(Analyzer.AUTH_AZURE_AD) ? Analyzer.AUTH_AZURE_AD : auths.isEmpty() ? "" : auths.get(0);
            if (auth.isEmpty() && azure && !keyEnv.isEmpty()) {
                auth = Analyzer.AUTH_API_KEY; // the Azure clients send a key in the api-key header
            }
            String apiVersion = top(mine, f -> f.kind() == FindingKind.PARAMETER && f.field() == InventoryField.API_VERSION);
            boolean flatkey = name.equals("Flatkey");
            List<String> notes = new ArrayList<>();
            if (name.startsWith(Providers.RUNTIME)) {
                notes.add("the base URL is read from data while the app runs (" + baseUrl + "): the switch is a data change — roll out by"
                        + " updating those records a few at a time, roll back by restoring their saved values");
            } else if (name.startsWith(Providers.FROM_ENV)) {
                notes.add("the base URL is read from " + name.substring(Providers.FROM_ENV.length())
                        + ", which no scanned file sets: check the environment the app runs in");
            }
            if (azure) {
                notes.add("Azure OpenAI: the code sends deployment names (the mapping asks for the model behind each)"
                        + (auth.isEmpty() ? "" : ", the key as " + auth) + (apiVersion.isEmpty() ? "" : ", api-version " + apiVersion)
                        + "; an OpenAI-compatible gateway takes model IDs, Authorization: Bearer and no api-version");
            }
            if (flatkey) {
                notes.add("already the Flatkey gateway");
            }
            SourceProvider row = new SourceProvider(name, baseUrl, String.join(", ", sdks), models, deployments, List.copyOf(endpoints),
                    calls.size(), keyEnv, auth, apiVersion, flatkey ? SourceProvider.KEEP : SourceProvider.MIGRATE, String.join("; ", notes));
            rows.put(name, row);
            List<Finding> evidence = providerFindings.isEmpty()
                    ? mine.stream().filter(f -> f.kind() == FindingKind.CALL).toList() : providerFindings;
            if (evidence.isEmpty()) {
                return;
            }
            Confidence conf = providerFindings.isEmpty() ? Confidence.MEDIUM : best(providerFindings);
            String reason = calls.size() + " call site(s)" + (endpoints.isEmpty() ? "" : " (" + String.join(", ", endpoints) + ")")
                    + (models.isEmpty() && deployments.isEmpty() ? "" : "; " + String.join(", ", concat(models, deployments)))
                    + ": its own decision — " + (flatkey ? "keep it" : "migrate it to the target gateway, or keep it");
            out.add(new Proposal("provider:" + name, Proposal.Target.PROVIDER, name, null, null, conf, ids(evidence), reason, row));
        });
        return rows;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The most frequent (by weight) value among the findings {@code keep} selects, or "". */
    private static String top(List<Finding> fs, Predicate<Finding> keep) {
        Map<String, List<Finding>> m = group(fs, keep);
        return m.isEmpty() ? "" : mostFrequent(m).getKey();
    }

    private static List<String> distinct(List<Finding> fs, Predicate<Finding> keep) {
        return fs.stream().filter(keep).map(Finding::value).distinct().toList();
    }

    /**
     * The target a mapping row is prefilled with: the same ID for a model; for an Azure deployment, the model its name
     * spells (a deployment named {@code gpt-4o-mini}, or {@code azure/gpt-4o-mini}), else nothing — the mapping step
     * then asks for the model behind it.
     */
    public static String mappingTarget(Proposal x) {
        String v = x.value().strip();
        if (!x.deployment()) {
            return v;
        }
        String name = v.replaceFirst("^azure(?:_text)?/", "");
        return Analyzer.MODEL_ID.matcher(name).matches() && !name.contains("/") ? name : "";
    }

    /** The SDK: code evidence first; declared dependencies only when no code uses an SDK. */
    private static void sdk(List<Proposal> out, List<Finding> fs) {
        Map<String, List<Finding>> sdks = group(fs, f -> f.kind() == FindingKind.SDK && f.confidence() != Confidence.LOW);
        Confidence sdkConf = Confidence.HIGH;
        if (sdks.isEmpty()) {
            sdks = group(fs, f -> f.kind() == FindingKind.SDK);
            sdkConf = Confidence.LOW;
        }
        if (!sdks.isEmpty()) {
            List<String> labels = sdks.entrySet().stream()
                    .sorted(Comparator.comparingInt((Map.Entry<String, List<Finding>> e) -> -weight(e.getValue()))).map(Map.Entry::getKey)
                    .limit(3).toList();
            List<String> ev = new ArrayList<>();
            Map<String, List<Finding>> s = sdks;
            labels.forEach(l -> s.get(l).forEach(f -> ev.add(f.id())));
            out.add(new Proposal("sdk", Proposal.Target.SDK, String.join(", ", labels), null, null, sdkConf, ev,
                    labels.size() > 1 ? "several SDKs are used" : ""));
        }
    }

    /** The current base URL seen most often, naming the others. */
    private static void baseUrl(List<Proposal> out, List<Finding> fs) {
        Map<String, List<Finding>> urls = group(fs, f -> f.kind() == FindingKind.BASE_URL && f.field() == InventoryField.CURRENT_BASE_URL);
        if (!urls.isEmpty()) {
            Map.Entry<String, List<Finding>> top = mostFrequent(urls);
            String others = urls.keySet().stream().filter(u -> !u.equals(top.getKey())).collect(Collectors.joining(", "));
            out.add(new Proposal("baseUrl", Proposal.Target.BASE_URL, top.getKey(), null, null, best(top.getValue()),
                    ids(top.getValue()), others.isEmpty() ? "" : "also seen: " + others));
        }
    }

    /** The chat model used most often as production, every other chat model as a fallback. */
    private static void chatModels(List<Proposal> out, Map<String, List<Finding>> models, Map<String, String> families) {
        Map<String, List<Finding>> chatModels = new LinkedHashMap<>();
        models.forEach((m, list) -> {
            if (families.get(m).equals("chat")) {
                chatModels.put(m, list);
            }
        });
        if (!chatModels.isEmpty()) {
            Map.Entry<String, List<Finding>> prod = mostFrequent(chatModels);
            out.add(new Proposal("model:production", Proposal.Target.PRODUCTION_MODEL, prod.getKey(), null, null,
                    best(prod.getValue()), ids(prod.getValue()), "the chat model used most often"));
            chatModels.forEach((m, list) -> {
                if (!m.equals(prod.getKey())) {
                    out.add(new Proposal("model:fallback:" + m, Proposal.Target.FALLBACK_MODEL, m, null, null,
                            Confidence.LOW, ids(list), "another chat model used in the code: a fallback, or a second production model"));
                }
            });
        }
    }

    private static void messageShape(List<Proposal> out, List<Finding> fs) {
        List<Finding> shape = fs.stream().filter(f -> f.kind() == FindingKind.PARAMETER && f.field() == InventoryField.MESSAGE_SHAPE).toList();
        if (!shape.isEmpty()) {
            Set<String> parts = new LinkedHashSet<>();
            shape.forEach(f -> parts.add(f.value()));
            List<String> words = new ArrayList<>();
            words.add(parts.contains("system messages") ? "system + user" : "user");
            parts.stream().filter(p -> !p.equals("system messages")).forEach(words::add);
            out.add(new Proposal("messageShape", Proposal.Target.MESSAGE_SHAPE, String.join(", ", words), null, null,
                    Confidence.MEDIUM, ids(shape), ""));
        }
    }

    /** JSON output on, and json_schema when any call asks for it, else json_object. */
    private static void responseFormat(List<Proposal> out, List<Finding> fs) {
        List<Finding> rf = params(fs, InventoryField.RESPONSE_FORMAT);
        if (!rf.isEmpty()) {
            String v = rf.stream().anyMatch(f -> f.value().equals("json_schema")) ? "json_schema" : "json_object";
            out.add(new Proposal("param:jsonOutput", Proposal.Target.JSON_OUTPUT, "true", null, null, best(rf), ids(rf), ""));
            out.add(new Proposal("param:responseFormat", Proposal.Target.RESPONSE_FORMAT, v, null, null, best(rf),
                    ids(rf.stream().filter(f -> f.value().equals(v)).toList()), ""));
        }
    }

    /** The environment variable the current key is read from most often. */
    private static void sourceKey(List<Proposal> out, List<Finding> fs) {
        Map<String, List<Finding>> keys = group(fs, f -> f.kind() == FindingKind.ENV_VAR && f.field() == InventoryField.SOURCE_KEY_REF);
        if (!keys.isEmpty()) {
            Map.Entry<String, List<Finding>> top = mostFrequent(keys);
            out.add(new Proposal("source:keyRef", Proposal.Target.SOURCE_KEY_REF, top.getKey(), null, null, Confidence.MEDIUM,
                    ids(top.getValue()), "where the current key is read from (the reference, never the value)"));
        }
    }

    private static void mappings(List<Proposal> out, ScanResult scan, Map<String, List<Finding>> models, Map<String, String> families,
                                 Map<String, SourceProvider> rows) {
        Set<String> chatFeatures = new LinkedHashSet<>();
        scan.calls().stream().filter(c -> c.family().equals("chat")).forEach(c -> chatFeatures.addAll(c.features()));
        List<Finding> fs = scan.findings();
        boolean streamOptions = fs.stream().anyMatch(f -> f.field() == InventoryField.MAPPING_NOTES && f.value().equals("stream_options"));
        String encoding = fs.stream().filter(f -> f.field() == InventoryField.MAPPING_NOTES && f.value().startsWith("encoding_format="))
                .map(Finding::value).findFirst().orElse("");
        models.forEach((model, list) -> {
            String family = families.get(model);
            Set<String> features = new LinkedHashSet<>();
            scan.calls().stream().filter(c -> c.model().equals(model)).forEach(c -> features.addAll(c.features()));
            if (features.isEmpty()) {
                features.add(family.equals("chat") ? "chat" : family);
                // The calls that send no model of their own (an Azure client bound to a deployment) on the model's
                // provider; without a provider, every chat call's features.
                Set<String> providers = new LinkedHashSet<>();
                list.stream().map(Finding::provider).filter(p -> !p.isEmpty()).forEach(providers::add);
                if (!providers.isEmpty()) {
                    scan.calls().stream().filter(c -> providers.contains(c.provider()) && c.model().isEmpty() && c.family().equals(family))
                            .forEach(c -> features.addAll(c.features()));
                } else if (family.equals("chat")) {
                    features.addAll(chatFeatures);
                }
            }
            features.retainAll(List.of("chat", "streaming", "tools", "json", "json_schema", "vision", "responses", "embeddings",
                    "images", "audio", "moderations", "video"));
            List<String> notes = new ArrayList<>();
            if (streamOptions && features.contains("streaming")) {
                notes.add("uses stream_options.include_usage");
            }
            if (!encoding.isEmpty() && family.equals("embeddings")) {
                notes.add("uses " + encoding);
            }
            Set<String> where = new LinkedHashSet<>();
            list.forEach(f -> where.add(f.location()));
            SourceProvider row = list.stream().map(f -> rows.get(f.provider())).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            boolean deployment = list.stream().anyMatch(f -> f.field() == InventoryField.DEPLOYMENT);
            if (deployment && (row == null || !row.isDeployment(model))) {
                row = new SourceProvider(Providers.AZURE, "", "", List.of(), List.of(model), List.of(), 0, "", "", "", "", "");
            }
            if (deployment) {
                notes.add(0, "Azure deployment on " + row.name() + ": the target is the model deployed behind it");
            }
            if (row != null && !deployment && rows.size() > 1) {
                notes.add(0, "on " + row.name());
            }
            notes.add("seen at " + where.stream().limit(3).collect(Collectors.joining(", ")) + (where.size() > 3 ? ", …" : ""));
            Proposal x = new Proposal("mapping:" + model, Proposal.Target.MAPPING, model, List.copyOf(features), String.join("; ", notes),
                    best(list), ids(list), "", row);
            String target = mappingTarget(x);
            String reason = !deployment ? "target prefilled with the same ID: step 3 checks it against the target's catalog"
                    : target.isEmpty() ? "an Azure deployment name, not a model ID: step 3 asks for the model deployed behind it"
                    : "an Azure deployment named like a model: target prefilled with " + target + " — confirm it is the model deployed";
            out.add(new Proposal(x.id(), x.target(), x.value(), x.features(), x.notes(), x.confidence(), x.evidence(), reason, row));
        });
    }

    /** Each model's family: from the calls that use it, else from its name. */
    private static Map<String, String> modelFamilies(ScanResult scan, Set<String> models) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String model : models) {
            String fam = scan.calls().stream().filter(c -> c.model().equals(model)).map(CallSite::family).findFirst()
                    .orElseGet(() -> familyByName(model));
            m.put(model, fam.equals("responses") ? "chat" : fam);
        }
        return m;
    }

    static String familyByName(String model) {
        String s = model.toLowerCase(Locale.ROOT);
        if (s.contains("embed")) {
            return "embeddings";
        }
        if (s.contains("dall-e") || s.contains("gpt-image")) {
            return "images";
        }
        if (s.contains("whisper") || s.contains("tts") || s.contains("transcribe")) {
            return "audio";
        }
        if (s.contains("moderation")) {
            return "moderations";
        }
        if (s.startsWith("sora") || s.startsWith("veo") || s.startsWith("seedance")) {
            return "video";
        }
        return "chat";
    }

    /**
     * Applies the accepted proposals to {@code before}. Pure; never overwrites or removes a value already in the plan:
     * text and number fields are filled only when empty, lists and mapping rows gain what they lack, flags are only
     * turned on. Merging the same proposals twice gives the same plan as merging them once.
     */
    public static MigrationPlan merge(MigrationPlan before, List<Proposal> proposals, Set<String> accepted) {
        Inventory inv = before.inventory();
        String sdk = inv.sdk();
        List<String> endpoints = new ArrayList<>(inv.endpoints());
        String baseUrl = inv.currentBaseUrl();
        String production = inv.productionModel();
        List<String> fallbacks = new ArrayList<>(inv.fallbackModels());
        String shape = inv.messageShape();
        Endpoint source = before.source();
        List<ModelMapping> mappings = new ArrayList<>(before.mappings());
        List<SourceProvider> providers = new ArrayList<>(inv.providers());

        List<Proposal> ordered = proposals.stream().filter(x -> accepted.contains(x.id()) && !x.value().isBlank())
                .sorted(Comparator.comparing(Proposal::target)).toList();
        for (Proposal x : ordered) {
            String v = x.value().strip();
            switch (x.target()) {
                case SDK -> sdk = sdk.isBlank() ? v : sdk;
                case ENDPOINT -> {
                    if (!endpoints.contains(v)) {
                        endpoints.add(v);
                    }
                }
                case BASE_URL -> {
                    baseUrl = baseUrl.isBlank() ? v : baseUrl;
                    if (source.baseUrl().isBlank()) {
                        source = source.withBaseUrl(v);
                    }
                }
                case PRODUCTION_MODEL -> production = production.isBlank() ? v : production;
                case FALLBACK_MODEL -> {
                    if (!v.equals(production.strip()) && !fallbacks.contains(v)) {
                        fallbacks.add(v);
                    }
                }
                case MESSAGE_SHAPE -> shape = shape.isBlank() ? v : shape;
                case SOURCE_KEY_REF -> {
                    if (source.keyRef().isBlank()) {
                        source = source.withKeyRef(v);
                    }
                }
                case MAPPING -> {
                    mergeMapping(mappings, x, v);
                    recordDeployment(providers, x);
                }
                case PROVIDER -> mergeProvider(providers, x.provider());
                default -> {
                    // a call parameter: see mergeParameters
                }
            }
        }
        Parameters params = mergeParameters(inv.parameters(), ordered);
        Inventory merged = new Inventory(sdk, endpoints, baseUrl, production, fallbacks, shape, params, inv.observability(), inv.rollbackPath(),
                providers);
        return before.withInventory(merged).withSource(source).withMappings(mappings);
    }

    /** The call parameters of {@link #merge}: flags only turned on, values only filled when empty. */
    private static Parameters mergeParameters(Parameters p, List<Proposal> ordered) {
        boolean stream = p.stream();
        boolean tools = p.tools();
        boolean json = p.jsonOutput();
        String responseFormat = p.responseFormat();
        Double temperature = p.temperature();
        Integer maxTokens = p.maxTokens();
        Integer seed = p.seed();
        Integer timeout = p.timeoutSeconds();
        Integer retries = p.retries();
        for (Proposal x : ordered) {
            String v = x.value().strip();
            switch (x.target()) {
                case STREAM -> stream = true;
                case TOOLS -> tools = true;
                case JSON_OUTPUT -> json = true;
                case RESPONSE_FORMAT -> responseFormat = responseFormat.isBlank() ? v : responseFormat;
                case TEMPERATURE -> temperature = temperature != null ? temperature : parseDouble(v);
                case MAX_TOKENS -> maxTokens = maxTokens != null ? maxTokens : parseInt(v);
                case SEED -> seed = seed != null ? seed : parseInt(v);
                case TIMEOUT -> timeout = timeout != null ? timeout : parseInt(v);
                case RETRIES -> retries = retries != null ? retries : parseInt(v);
                default -> {
                    // an inventory field, the current provider or a mapping row: see merge
                }
            }
        }
        return new Parameters(stream, temperature, maxTokens, tools, json, responseFormat, seed, timeout, retries);
    }

    private static void mergeMapping(List<ModelMapping> mappings, Proposal x, String model) {
        for (int i = 0; i < mappings.size(); i++) {
            ModelMapping m = mappings.get(i);
            if (m.sourceModel().equals(model)) {
                List<String> features = new ArrayList<>(m.features());
                x.features().stream().filter(f -> !features.contains(f)).forEach(features::add);
                mappings.set(i, new ModelMapping(m.sourceModel(), m.targetModel(), features, m.notes()));
                return;
            }
        }
        mappings.add(new ModelMapping(model, mappingTarget(x), x.features(), x.notes()));
    }

    /**
     * A deployment's mapping row is only known as a deployment through a provider row that lists it: when the person
     * accepts the row but not its provider's proposal, the plan still records the deployment under that provider's
     * name (with its base URL, SDK and decision, and no other model).
     */
    private static void recordDeployment(List<SourceProvider> providers, Proposal x) {
        if (!x.deployment() || providers.stream().anyMatch(p -> p.isDeployment(x.value().strip()))) {
            return;
        }
        SourceProvider p = x.provider();
        mergeProvider(providers, new SourceProvider(p.name(), p.baseUrl(), p.sdk(), List.of(), List.of(x.value().strip()), List.of(), 0,
                p.keyEnv(), p.auth(), p.apiVersion(), p.decision(), p.notes()));
    }

    /** Adds a provider row the plan lacks; a row it has keeps its values and decision, gaining models, deployments and endpoints. */
    private static void mergeProvider(List<SourceProvider> providers, SourceProvider row) {
        if (row == null) {
            return;
        }
        for (int i = 0; i < providers.size(); i++) {
            SourceProvider p = providers.get(i);
            if (p.name().equals(row.name())) {
                providers.set(i, new SourceProvider(p.name(), or(p.baseUrl(), row.baseUrl()), or(p.sdk(), row.sdk()),
                        union(p.models(), row.models()), union(p.deployments(), row.deployments()), union(p.endpoints(), row.endpoints()),
                        Math.max(p.calls(), row.calls()), or(p.keyEnv(), row.keyEnv()), or(p.auth(), row.auth()),
                        or(p.apiVersion(), row.apiVersion()), or(p.decision(), row.decision()), or(p.notes(), row.notes())));
                return;
            }
        }
        providers.add(row);
    }

    private static String or(String mine, String scanned) {
        return mine.isBlank() ? scanned : mine;
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        b.stream().filter(x -> !all.contains(x)).forEach(all::add);
        return all;
    }

    /** What merging {@code x} alone into {@code plan} would do, and the plan's current value in words. */
    public static Effect effect(MigrationPlan plan, Proposal x) {
        MigrationPlan after = merge(plan, List.of(x), Set.of(x.id()));
        if (!after.equals(plan)) {
            return Effect.FILLS;
        }
        String current = current(plan, x);
        return current.equals(x.value()) || x.target() == Proposal.Target.ENDPOINT || x.target() == Proposal.Target.FALLBACK_MODEL
                || x.target() == Proposal.Target.MAPPING || x.target() == Proposal.Target.PROVIDER || "true".equals(x.value())
                ? Effect.ALREADY_SET : Effect.KEEPS_PLAN_VALUE;
    }

    /** The plan's current value for the field a proposal targets, as text ("" when empty). */
    public static String current(MigrationPlan plan, Proposal x) {
        Inventory inv = plan.inventory();
        Parameters p = inv.parameters();
        return switch (x.target()) {
            case SDK -> inv.sdk();
            case ENDPOINT -> inv.endpoints().contains(x.value()) ? x.value() : "";
            case BASE_URL -> inv.currentBaseUrl();
            case PRODUCTION_MODEL -> inv.productionModel();
            case FALLBACK_MODEL -> String.join(", ", inv.fallbackModels());
            case MESSAGE_SHAPE -> inv.messageShape();
            case STREAM -> Boolean.toString(p.stream());
            case TOOLS -> Boolean.toString(p.tools());
            case JSON_OUTPUT -> Boolean.toString(p.jsonOutput());
            case RESPONSE_FORMAT -> p.responseFormat();
            case TEMPERATURE -> p.temperature() == null ? "" : p.temperature().toString();
            case MAX_TOKENS -> p.maxTokens() == null ? "" : p.maxTokens().toString();
            case SEED -> p.seed() == null ? "" : p.seed().toString();
            case TIMEOUT -> p.timeoutSeconds() == null ? "" : p.timeoutSeconds().toString();
            case RETRIES -> p.retries() == null ? "" : p.retries().toString();
            case SOURCE_KEY_REF -> plan.source().keyRef();
            case MAPPING -> plan.mappings().stream().anyMatch(m -> m.sourceModel().equals(x.value())) ? x.value() : "";
            case PROVIDER -> inv.providers().stream().anyMatch(r -> r.name().equals(x.value())) ? x.value() : "";
        };
    }

    /** The ids of the proposals that start accepted. */
    public static Set<String> defaultAccepted(List<Proposal> proposals) {
        return proposals.stream().filter(Proposal::acceptedByDefault).map(Proposal::id).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static void flag(List<Proposal> out, List<Finding> fs, InventoryField field, String id, Proposal.Target target) {
        List<Finding> list = params(fs, field);
        if (!list.isEmpty()) {
            out.add(new Proposal(id, target, "true", null, null, best(list), ids(list), ""));
        }
    }

    private static void number(List<Proposal> out, List<Finding> fs, InventoryField field, String id, Proposal.Target target) {
        Map<String, List<Finding>> byValue = group(fs, f -> f.kind() == FindingKind.PARAMETER && f.field() == field);
        if (byValue.isEmpty()) {
            return;
        }
        Map.Entry<String, List<Finding>> top = mostFrequent(byValue);
        String others = byValue.keySet().stream().filter(v -> !v.equals(top.getKey())).collect(Collectors.joining(", "));
        out.add(new Proposal(id, target, top.getKey(), null, null, byValue.size() > 1 ? Confidence.LOW : best(top.getValue()),
                ids(top.getValue()), others.isEmpty() ? "" : "other values in the code: " + others));
    }

    private static List<Finding> params(List<Finding> fs, InventoryField field) {
        return fs.stream().filter(f -> f.kind() == FindingKind.PARAMETER && f.field() == field).toList();
    }

    private static Map<String, List<Finding>> group(List<Finding> fs, Predicate<Finding> keep) {
        Map<String, List<Finding>> m = new LinkedHashMap<>();
        fs.stream().filter(keep).forEach(f -> m.computeIfAbsent(f.value(), k -> new ArrayList<>()).add(f));
        return m;
    }

    private static Map.Entry<String, List<Finding>> mostFrequent(Map<String, List<Finding>> m) {
        Map.Entry<String, List<Finding>> top = null;
        for (Map.Entry<String, List<Finding>> e : m.entrySet()) {
            if (top == null || weight(e.getValue()) > weight(top.getValue())) {
                top = e;
            }
        }
        return top;
    }

    private static int weight(List<Finding> list) {
        return list.stream().mapToInt(f -> switch (f.confidence()) {
            case HIGH -> 3;
            case MEDIUM -> 2;
            case LOW -> 1;
        }).sum();
    }

    private static Confidence best(List<Finding> list) {
        return list.stream().map(Finding::confidence).min(Comparator.naturalOrder()).orElse(Confidence.LOW);
    }

    private static List<String> ids(List<Finding> list) {
        return list.stream().map(Finding::id).toList();
    }

    private static Double parseDouble(String v) {
        try {
            double d = Double.parseDouble(v);
            return d >= 0 && d <= 2 ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer parseInt(String v) {
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
