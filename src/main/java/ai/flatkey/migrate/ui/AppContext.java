package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.export.ChecklistMarkdown;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.scan.Scanner;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.RollbackProof;
import ai.flatkey.migrate.smoke.SmokeRunner;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.ui.components.StepView;
import ai.flatkey.migrate.ui.doc.Dialogs;
import ai.flatkey.migrate.ui.doc.FileDialogs;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.Prefs;
import ai.flatkey.migrate.ui.doc.Recovery;
import ai.flatkey.migrate.ui.doc.RememberingFileDialogs;
import ai.flatkey.migrate.ui.theme.SystemTheme;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.ui.services.ConnectionChecker;
import ai.flatkey.migrate.ui.services.DemoHost;
import ai.flatkey.migrate.ui.services.EmbeddedDemoHost;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.ui.services.WireConnectionChecker;
import ai.flatkey.migrate.ui.step.checklist.ChecklistView;
import ai.flatkey.migrate.ui.step.checklist.ChecklistViewModel;
import ai.flatkey.migrate.ui.step.endpoints.EndpointsView;
import ai.flatkey.migrate.ui.step.endpoints.EndpointsViewModel;
import ai.flatkey.migrate.ui.step.inventory.InventoryView;
import ai.flatkey.migrate.ui.step.inventory.InventoryViewModel;
import ai.flatkey.migrate.ui.step.inventory.RecordingViewModel;
import ai.flatkey.migrate.ui.step.inventory.ScanViewModel;
import ai.flatkey.migrate.ui.step.mapping.MappingView;
import ai.flatkey.migrate.ui.step.mapping.MappingViewModel;
import ai.flatkey.migrate.ui.step.rollout.RolloutView;
import ai.flatkey.migrate.ui.step.rollout.RolloutViewModel;
import ai.flatkey.migrate.ui.step.smoke.SmokeView;
import ai.flatkey.migrate.ui.step.smoke.ReplayViewModel;
import ai.flatkey.migrate.ui.step.smoke.CheckEditorViewModel;
import ai.flatkey.migrate.ui.step.smoke.SmokeViewModel;
import ai.flatkey.migrate.traffic.Replay;
import ai.flatkey.migrate.ui.step.verify.VerifyView;
import ai.flatkey.migrate.ui.step.verify.VerifyViewModel;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.FxUiBridge;
import ai.flatkey.migrate.ui.support.NamedThreadFactory;
import ai.flatkey.migrate.ui.support.Notifier;
import ai.flatkey.migrate.ui.support.UiBridge;
import ai.flatkey.migrate.wire.Transport;
import javafx.stage.Window;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import ai.flatkey.migrate.secrets.Keychain;

/**
 * The wizard's composition root: creates the executors, the FX-thread adapter, the core services and every
 * ViewModel, and wires them by hand. One per window; {@link #close()} stops the executors and the demo gateway.
 * Tests build one with {@link #builder()} (temp config folder, fake dialogs, a fake environment).
 */
public final class AppContext implements AutoCloseable {

    /** The window the FX dialogs are owned by (set when the window is shown). */
    public static final class WindowRef {
        private volatile Window window;

        public Window get() {
            return window;
        }

        public void set(Window w) {
            window = w;
        }
    }

    private final ExecutorService io;
    private final ExecutorService smokeExecutor;
    private final Supplier<Transport> http;
    private volatile Transport createdHttp;
    private final DemoHost demo;
    private final WindowRef windowRef = new WindowRef();
    private final PlanDocument document;
    private final WizardViewModel wizard;
    private final UiBridge ui;
    private final Supplier<InventoryViewModel> inventory;
    private final Supplier<ScanViewModel> scan;
    private final Supplier<RecordingViewModel> recording;
    /** Set once the recording ViewModel is built: close() stops a proxy still running. */
    private volatile RecordingViewModel builtRecording;
    private final Supplier<EndpointsViewModel> endpoints;
    private final Supplier<MappingViewModel> mapping;
    private final Supplier<SmokeViewModel> smoke;
    private final Supplier<ReplayViewModel> replay;
    private final Supplier<CheckEditorViewModel> checkEditor;
    private final Supplier<VerifyViewModel> verify;
    private final Supplier<RolloutViewModel> rollout;
    private final Supplier<ChecklistViewModel> checklist;
    private final Map<Step, StepView> views = new EnumMap<>(Step.class);
    private final Notifier notifier = new Notifier();
    private final Path configDir;

    /**
     * Only what the first frame needs is built here (the document, the shell's ViewModel, preferences); the HTTP
     * client, the step ViewModels and their views are built on first use, so the window shows quickly.
     */
    private AppContext(Builder b) {
        configDir = b.configDir;
        io = Executors.newCachedThreadPool(new NamedThreadFactory("fx-bg"));
        smokeExecutor = Executors.newFixedThreadPool(2 * ai.flatkey.migrate.smoke.SuiteOptions.MAX_CONCURRENCY / 4, new NamedThreadFactory("smoke"));
        http = b.http != null ? () -> b.http : memoize(() -> {
            createdHttp = Transport.create();
            return createdHttp;
        });
        ui = b.ui != null ? b.ui : new FxUiBridge();
        Background background = new Background(io, ui);
        KeyResolver keys = new KeyResolver(b.environment);
        PlanStore store = new PlanStore();
        Prefs prefs = new Prefs(b.configDir);
        Prefs.Snapshot prefsSnapshot = prefs.load();
        Path recentFolder = prefsSnapshot.recent().isEmpty() ? null : prefsSnapshot.recent().get(0).toAbsolutePath().getParent();
        FileDialogs files = new RememberingFileDialogs(b.fileDialogs != null ? b.fileDialogs : new FxFileDialogs(windowRef::get),
                recentFolder);
        Dialogs dialogs = b.dialogs != null ? b.dialogs : new FxDialogs(windowRef::get);
        demo = b.demo != null ? b.demo : new EmbeddedDemoHost(DemoConfig.defaults());
        ConnectionChecker checker = b.checker != null ? b.checker
                : (url, key, cancel) -> new WireConnectionChecker(http.get()).listModels(url, key, cancel);
        Supplier<SmokeService> realSmoke = memoize(() -> SmokeService.of(new SmokeRunner(http.get(), smokeExecutor, b.clock)));
        SmokeService smokeService = b.smoke != null ? b.smoke : SmokeService.lazy(realSmoke);
        Function<MigrationPlan, String> markdown = b.markdown != null ? b.markdown : ChecklistMarkdown::render;
        TargetCatalog catalog = new TargetCatalog();

        document = new PlanDocument(MigrationPlan.newPlan("Untitled migration"));
        UsageService usage = b.usage != null ? b.usage : UsageService.of(http, b.clock);
        boolean noKey = keys.resolve("env:" + EndpointsViewModel.DEFAULT_ENV).isEmpty();
        wizard = new WizardViewModel(document, store, files, dialogs, prefs, prefsSnapshot, background, b.clock, noKey);
        if (b.systemDark != null) {
            wizard.systemPrefersDarkProperty().set(b.systemDark);
        } else if (wizard.themeModeProperty().get() == ai.flatkey.migrate.ui.theme.ThemeMode.SYSTEM) {
            background.run(() -> SystemTheme.forThisOs().prefersDark().orElse(false),
                    dark -> wizard.systemPrefersDarkProperty().set(dark), error -> { });
        }
        wizard.useNotifier(notifier);
        wizard.useRecovery(new Recovery(b.configDir, store, b.clock));
        Supplier<Keychain> keychain = b.keychain != null ? () -> b.keychain : memoize(Keychain::best);
        inventory = memoize(() -> new InventoryViewModel(document));
        scan = memoize(() -> new ScanViewModel(document, files, background, new Scanner(new NamedThreadFactory("scan"))));
        recording = memoize(() -> builtRecording = new RecordingViewModel(document, keys, http, files,
                background, b.clock));
        endpoints = memoize(() -> new EndpointsViewModel(document, keys, checker, demo, background, catalog, keychain));
        mapping = memoize(() -> new MappingViewModel(document, catalog, files, background, keys, usage, demo, checker));
        Verification books = new Verification(usage);
        Supplier<SuiteRun> suiteRun = memoize(() -> new SuiteRun(smokeService, books, keys));
        smoke = memoize(() -> new SmokeViewModel(document, suiteRun.get(), background, notifier));
        replay = memoize(() -> ReplayViewModel.of(smoke.get(), new Replay(suiteRun.get()), files, background, b.clock));
        checkEditor = memoize(() -> CheckEditorViewModel.of(smoke.get(), suiteRun.get(), background));
        verify = memoize(() -> new VerifyViewModel(document, keys, books, background, b.clock));
        rollout = memoize(() -> new RolloutViewModel(document, new RollbackProof(smokeService, keys), background, notifier));
        checklist = memoize(() -> new ChecklistViewModel(document, markdown, files, background));
    }

    /** Computes the value once, on first use. */
    private static <T> Supplier<T> memoize(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }

    /** Help > About's facts: this build, this runtime, and where the app keeps its files. */
    public AboutInfo about() {
        return AboutInfo.of(configDir, wizard.recent().isEmpty() ? null : wizard.recent().get(0));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The standard context: {@code ~/.config/flatkey-migrate}, this process's environment, the system clock. */
    public static AppContext standard() {
        return builder().build();
    }

    /** A step's view, built on first use (on the FX thread). */
    /** The step views built so far (they are built on first use). */
    public java.util.Collection<StepView> builtStepViews() {
        return java.util.List.copyOf(views.values());
    }

    public StepView stepView(Step step) {
        return views.computeIfAbsent(step, s -> switch (s) {
            case INVENTORY -> new InventoryView(inventory(), scan(), recording());
            case ENDPOINTS -> new EndpointsView(endpoints());
            case MAPPING -> new MappingView(mapping());
            case SMOKE -> new SmokeView(smoke(), replay(), checkEditor());
            case VERIFY -> new VerifyView(verify());
            case ROLLOUT -> new RolloutView(rollout());
            case CHECKLIST -> new ChecklistView(checklist());
        });
    }

    /**
     * Builds the step views not built yet, one per UI turn, and the HTTP client in the background, after the first
     * frame: the first visit to a step is then instant, and the window was not held up by them.
     */
    public void warmUp() {
        // The HTTP client (OkHttp, the TLS trust store) is built in the background now, not during start-up, where it
        // would compete with the first frame for the CPU; the first connection check or run then finds it ready.
        if (!io.isShutdown()) {
            io.execute(http::get);
        }
        for (Step s : Step.values()) {
            ui.post(() -> stepView(s));
        }
    }

    /** The notifications the window shows. */
    public Notifier notifier() {
        return notifier;
    }

    public WindowRef windowRef() {
        return windowRef;
    }

    public PlanDocument document() {
        return document;
    }

    public WizardViewModel wizard() {
        return wizard;
    }

    public InventoryViewModel inventory() {
        return inventory.get();
    }

    public ScanViewModel scan() {
        return scan.get();
    }

    /** The Inventory step's "Record live traffic". */
    public RecordingViewModel recording() {
        return recording.get();
    }

    public EndpointsViewModel endpoints() {
        return endpoints.get();
    }

    public MappingViewModel mapping() {
        return mapping.get();
    }

    public SmokeViewModel smoke() {
        return smoke.get();
    }

    /** The Smoke step's request check editor. */
    public CheckEditorViewModel checkEditor() {
        return checkEditor.get();
    }

    /** The Smoke step's "Replay recorded calls". */
    public ReplayViewModel replay() {
        return replay.get();
    }

    public VerifyViewModel verify() {
        return verify.get();
    }

    public RolloutViewModel rollout() {
        return rollout.get();
    }

    public ChecklistViewModel checklist() {
        return checklist.get();
    }

    /** Stops background work, lets pending preference writes finish briefly, and closes the demo gateway. */
    @Override
    public void close() {
        RecordingViewModel r = builtRecording;
        if (r != null) {
            r.close();
        }
        smokeExecutor.shutdownNow();
        io.shutdown();
        try {
            io.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.shutdownNow();
        demo.close();
        Transport h = createdHttp;
        if (h != null) {
            h.close();
        }
    }

    /** Wiring options; everything has a production default. */
    public static final class Builder {
        private Path configDir = Prefs.defaultDir();
        private Function<String, String> environment = System::getenv;
        private Clock clock = Clock.systemUTC();
        private FileDialogs fileDialogs;
        private Dialogs dialogs;
        private DemoHost demo;
        private ConnectionChecker checker;
        private SmokeService smoke;
        private Function<MigrationPlan, String> markdown;
        private Transport http;
        private UiBridge ui;
        private Boolean systemDark;
        private UsageService usage;
        private Keychain keychain;

        /** Where keychain:NAME keys live (tests pass a {@link ai.flatkey.migrate.secrets.MemoryKeychain}). */
        public Builder keychain(Keychain k) {
            keychain = k;
            return this;
        }

        /** The gateway's usage/quota/prices access (tests pass a fake). */
        public Builder usageService(UsageService u) {
            usage = u;
            return this;
        }

        private Builder() {
        }

        /** What the OS is taken to prefer (tests); by default the OS is asked. */
        public Builder systemDark(boolean dark) {
            systemDark = dark;
            return this;
        }

        /** Where the recent-plans list and window preferences are kept. */
        public Builder configDir(Path dir) {
            configDir = Objects.requireNonNull(dir);
            return this;
        }

        /** Where {@code env:NAME} key references are looked up. */
        public Builder environment(Function<String, String> env) {
            environment = Objects.requireNonNull(env);
            return this;
        }

        public Builder clock(Clock c) {
            clock = Objects.requireNonNull(c);
            return this;
        }

        public Builder fileDialogs(FileDialogs f) {
            fileDialogs = f;
            return this;
        }

        public Builder dialogs(Dialogs d) {
            dialogs = d;
            return this;
        }

        public Builder demoHost(DemoHost d) {
            demo = d;
            return this;
        }

        public Builder connectionChecker(ConnectionChecker c) {
            checker = c;
            return this;
        }

        public Builder smokeService(SmokeService s) {
            smoke = s;
            return this;
        }

        public Builder markdown(Function<MigrationPlan, String> m) {
            markdown = m;
            return this;
        }

        public Builder transport(Transport h) {
            http = h;
            return this;
        }

        public Builder uiBridge(UiBridge u) {
            ui = u;
            return this;
        }

        public AppContext build() {
            return new AppContext(this);
        }
    }
}
