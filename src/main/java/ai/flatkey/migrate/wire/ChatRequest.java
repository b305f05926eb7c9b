package ai.flatkey.migrate.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chat-completions request. Null options are left out of the JSON body. Build rich requests with
 * {@link #builder(String)}; {@link #simple} and the six-argument constructor stay for plain prompts.
 *
 * @param includeUsage        with {@code stream}, sends {@code stream_options: {include_usage: true}}
 * @param maxTokens           {@code max_tokens}
 * @param maxCompletionTokens {@code max_completion_tokens} (newer OpenAI models want this one)
 * @param toolChoice          {@code tool_choice}, or null
 * @param parallelToolCalls   {@code parallel_tool_calls}, or null
 * @param responseFormat      {@code response_format}, or null
 * @param extra               more top-level fields, sent as given and last (they override the ones above): for
 *                            negative checks such as an unsupported parameter. Values are strings, numbers,
 *                            booleans, null, lists and maps.
 */
public record ChatRequest(String model, List<ChatMessage> messages, boolean stream, boolean includeUsage,
                          Double temperature, Integer maxTokens, Integer maxCompletionTokens, Long seed,
                          List<Tool> tools, ToolChoice toolChoice, Boolean parallelToolCalls,
                          ResponseFormat responseFormat, Map<String, Object> extra) {
    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public ChatRequest(String model, List<ChatMessage> messages, boolean stream, boolean includeUsage,
                       Double temperature, Integer maxTokens) {
        this(model, messages, stream, includeUsage, temperature, maxTokens, null, null, List.of(), null, null, null,
                Map.of());
    }

    public static ChatRequest simple(String model, String prompt, boolean stream) {
        return new ChatRequest(model, List.of(ChatMessage.user(prompt)), stream, stream, null, null);
    }

    public static Builder builder(String model) {
        return new Builder(model);
    }

    public Builder toBuilder() {
        Builder b = new Builder(model).messages(messages).stream(stream).includeUsage(includeUsage)
                .temperature(temperature).maxTokens(maxTokens).maxCompletionTokens(maxCompletionTokens).seed(seed)
                .tools(tools).toolChoice(toolChoice).parallelToolCalls(parallelToolCalls)
                .responseFormat(responseFormat);
        extra.forEach(b::extra);
        return b;
    }

    /** Builds a {@link ChatRequest}; every setter returns the builder. */
    public static final class Builder {
        private String model;
        private final List<ChatMessage> messages = new ArrayList<>();
        private boolean stream;
        private boolean includeUsage;
        private Double temperature;
        private Integer maxTokens;
        private Integer maxCompletionTokens;
        private Long seed;
        private final List<Tool> tools = new ArrayList<>();
        private ToolChoice toolChoice;
        private Boolean parallelToolCalls;
        private ResponseFormat responseFormat;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder(String model) {
            this.model = model;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder message(ChatMessage message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        /** Replaces the messages. */
        public Builder messages(List<ChatMessage> messages) {
            this.messages.clear();
            this.messages.addAll(messages);
            return this;
        }

        public Builder system(String text) {
            return message(ChatMessage.system(text));
        }

        public Builder developer(String text) {
            return message(ChatMessage.developer(text));
        }

        public Builder user(String text) {
            return message(ChatMessage.user(text));
        }

        /** Streams, with {@code stream_options.include_usage} as given. */
        public Builder stream(boolean stream) {
            this.stream = stream;
            return this;
        }

        public Builder includeUsage(boolean includeUsage) {
            this.includeUsage = includeUsage;
            return this;
        }

        public Builder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder maxTokens(Integer maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder maxCompletionTokens(Integer maxCompletionTokens) {
            this.maxCompletionTokens = maxCompletionTokens;
            return this;
        }

        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder tool(Tool tool) {
            tools.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        /** Replaces the tools. */
        public Builder tools(List<Tool> tools) {
            this.tools.clear();
            this.tools.addAll(tools);
            return this;
        }

        public Builder toolChoice(ToolChoice toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        public Builder parallelToolCalls(Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
            return this;
        }

        public Builder responseFormat(ResponseFormat responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        /** One more top-level field, sent verbatim (a null value is sent as JSON null). */
        public Builder extra(String name, Object value) {
            extra.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        public ChatRequest build() {
            return new ChatRequest(model, messages, stream, includeUsage, temperature, maxTokens, maxCompletionTokens,
                    seed, tools, toolChoice, parallelToolCalls, responseFormat, extra);
        }
    }
}
