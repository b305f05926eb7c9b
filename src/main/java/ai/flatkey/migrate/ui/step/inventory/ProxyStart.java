package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.traffic.RecordingProxy;
import ai.flatkey.migrate.traffic.RecordingSession;
import ai.flatkey.migrate.traffic.Shadow;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.wire.Transport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The inventory step's settings for {@link RecordingSession}, the start {@code flatkey-migrate record} uses too: the
 * plan's target as the shadow (its key from the session, its mapping), the preferred port or any free one.
 */
final class ProxyStart {
    private ProxyStart() {
    }

    /**
     * Off the UI thread: the file, the shadow (with the target's key, mirroring {@code sample} of the calls) and the
     * proxy on loopback, on the preferred port or any free one. What was opened is closed again when it fails.
     */
    static RecordingProxy open(Transport t, KeyResolver keys, Clock clock, MigrationPlan plan, String up, Path out,
                               boolean shapes, Double sample, LiveCalls events) throws IOException {
        RecordingSession.Shadowing shadow = sample == null ? null : new RecordingSession.Shadowing(
                plan.target().baseUrl(), keys.resolve(plan.target().keyRef()).orElse(null), Shadow.modelMap(plan),
                sample);
        return RecordingSession.open(t, new RecordingSession.Settings(up, out, true,
                RecordingProxy.Options.loopback(RecordingViewModel.PREFERRED_PORT).withShapesOnly(shapes), true,
                shadow, PlanDocument.APP_NAME), clock, events);
    }
}
