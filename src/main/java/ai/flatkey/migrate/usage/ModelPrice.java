package ai.flatkey.migrate.usage;

/**
 * A model's price in USD per 1M input and output tokens (and per request where the gateway prices so).
 *
 * @param source where the price came from: {@code gateway}, {@code file}, {@code typed}
 */
public record ModelPrice(String model, double inputPer1M, double outputPer1M, double perRequest, String source) {
    /** The cost of one request with these token counts. */
    public double cost(int promptTokens, int completionTokens) {
        return perRequest + promptTokens * inputPer1M / 1_000_000.0 + completionTokens * outputPer1M / 1_000_000.0;
    }
}
