package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.traffic.RecordingHeader;
import ai.flatkey.migrate.traffic.RecordingProxy;
import ai.flatkey.migrate.traffic.RecordingWriter;
import ai.flatkey.migrate.traffic.Shadow;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.wire.SafeText;
import ai.flatkey.migrate.wire.Transport;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Opens what a recording needs, as {@code flatkey-migrate record} does: the file, the shadow, the proxy. */
final class ProxyStart {
    private ProxyStart() {
    }

    /**
     * Off the UI thread: the file, the shadow (with the target's key, mirroring {@code sample} of the calls) and the
     * proxy on loopback, on the preferred port or any free one. What was opened is closed again when it fails.
     */
    static RecordingProxy open(Transport t, KeyResolver keys, Clock clock, MigrationPlan plan, String up, Path out,
                               boolean shapes, Double sample, LiveCalls events) throws IOException {
        RecordingHeader header = new RecordingHeader(RecordingHeader.FORMAT, RecordingHeader.VERSION,
                clock.instant().toString(), SafeText.scrub(up), shapes ? RecordingHeader.SHAPES : RecordingHeader.FULL,
                PlanDocument.APP_NAME);
        RecordingWriter writer = RecordingWriter.create(out, header, true);
        Shadow mirror = null;
        try {
            if (sample != null) {
                String key = keys.resolve(plan.target().keyRef()).orElse(null);
                mirror = new Shadow(t.relay(plan.target().baseUrl(), Duration.ofSeconds(10), Duration.ofMinutes(10)),
                        key, Shadow.modelMap(plan), new Shadow.Options(sample, 256, 4), events,
                        () -> ThreadLocalRandom.current().nextDouble());
            }
            var relay = t.relay(up, Duration.ofSeconds(10), Duration.ofMinutes(10));
            try {
                return RecordingProxy.start(RecordingProxy.Options.loopback(RecordingViewModel.PREFERRED_PORT)
                        .withShapesOnly(shapes), relay, writer, mirror, events);
            } catch (BindException taken) {
                return RecordingProxy.start(RecordingProxy.Options.loopback(0).withShapesOnly(shapes), relay, writer,
                        mirror, events);
            }
        } catch (IOException | RuntimeException e) {
            writer.close();
            if (mirror != null) {
                mirror.close();
            }
            throw e;
        }
    }
}
