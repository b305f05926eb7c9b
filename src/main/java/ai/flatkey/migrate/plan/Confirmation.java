package ai.flatkey.migrate.plan;

/**
 * A manual confirmation of something no API shows (the request visible in the dashboard, a quota set on the test
 * key, the routing path): who confirmed it, when, and the evidence.
 *
 * @param itemId    the checklist item it confirms ({@link Checklist} IDs), or {@link Checklist#ROUTING}, which is
 *                  evidence for the base-URL item
 * @param who       the person
 * @param when      ISO-8601
 * @param evidence  a note, a pasted request ID or a dashboard link
 */
public record Confirmation(String itemId, String who, String when, String evidence) {
    public Confirmation {
        itemId = Lists.text(itemId);
        who = Lists.text(who).strip();
        when = Lists.text(when);
        evidence = Lists.text(evidence);
    }
}
