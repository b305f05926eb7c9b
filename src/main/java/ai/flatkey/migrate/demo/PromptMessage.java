package ai.flatkey.migrate.demo;

/**
 * One message of a chat request, reduced to what the demo gateway reads.
 *
 * @param role   {@code system}, {@code developer}, {@code user}, {@code assistant}, {@code tool} or {@code function}
 * @param text   its text parts joined by a space ("" when none)
 * @param images how many {@code image_url} parts it carries
 */
record PromptMessage(String role, String text, int images) {
}
