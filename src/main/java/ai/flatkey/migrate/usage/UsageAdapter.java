package ai.flatkey.migrate.usage;

import java.util.List;
import java.util.Optional;

/**
 * One gateway's usage surface: read the key's quota, look up a request in the gateway's log, read its prices.
 * What a gateway does not offer is said by {@link #canLookUp()} / {@link #canReadQuota()}, never faked.
 */
public interface UsageAdapter {

    /** flatkey, openrouter, litellm, demo or manual. */
    String name();

    /** Whether requests can be looked up in the gateway's log. */
    boolean canLookUp();

    /** Whether the key's quota can be read. */
    boolean canReadQuota();

    /** The key's quota now; empty when the gateway does not publish it. */
    Optional<KeyQuota> quota() throws UsageException;

    /**
     * The gateway's record of one request; empty when it is not (yet) in the log.
     *
     * @param requestId the ID the response carried (request-ID header, else the completion ID)
     */
    Optional<LoggedRequest> lookup(String requestId) throws UsageException;

    /** A request found in the gateway's log under one of the IDs its response carried. */
    record Found(String id, LoggedRequest logged) {
    }

    /**
     * The gateway's record of one request that carried several IDs (the gateway's own request-ID header, the
     * upstream's, the answer's own ID): the first of {@code ids}, in order, that the log holds.
     */
    default Optional<Found> lookupAny(List<String> ids) throws UsageException {
        for (String id : ids) {
            Optional<LoggedRequest> logged = lookup(id);
            if (logged.isPresent()) {
                return Optional.of(new Found(id, logged.get()));
            }
        }
        return Optional.empty();
    }

    /** The prices the gateway publishes; empty when none. */
    List<ModelPrice> prices() throws UsageException;

    /** For gateways with no usage API: nothing can be checked automatically, and it says so. */
    static UsageAdapter manual() {
        return new UsageAdapter() {
            @Override
            public String name() {
                return "manual";
            }

            @Override
            public boolean canLookUp() {
                return false;
            }

            @Override
            public boolean canReadQuota() {
                return false;
            }

            @Override
            public Optional<KeyQuota> quota() {
                return Optional.empty();
            }

            @Override
            public Optional<LoggedRequest> lookup(String requestId) {
                return Optional.empty();
            }

            @Override
            public List<ModelPrice> prices() {
                return List.of();
            }
        };
    }
}
