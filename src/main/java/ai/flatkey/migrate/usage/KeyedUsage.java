package ai.flatkey.migrate.usage;

import okhttp3.OkHttpClient;

/** What the gateway adapters share: the key (in memory), the JSON client, and "lookups need a key". */
abstract class KeyedUsage implements UsageAdapter {
    protected final String key;
    protected final HttpJson json;

    KeyedUsage(OkHttpClient http, String key) {
        this.key = key;
        this.json = new HttpJson(http, key);
    }

    @Override
    public boolean canLookUp() {
        return key != null;
    }

    @Override
    public boolean canReadQuota() {
        return key != null;
    }
}
