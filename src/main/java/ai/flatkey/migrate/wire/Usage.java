package ai.flatkey.migrate.wire;

/** Token usage as the server reported it. */
public record Usage(int promptTokens, int completionTokens, int totalTokens) {
}
