package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.support.FxUiBridge;
import ai.flatkey.migrate.ui.components.FocusKeeper;
import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.StepView;
import ai.flatkey.migrate.ui.doc.Prefs;
import ai.flatkey.migrate.ui.support.Bind;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import ai.flatkey.migrate.ui.support.Notifier;
import ai.flatkey.migrate.ui.theme.Icons;
import ai.flatkey.migrate.ui.theme.ThemeMode;
import ai.flatkey.migrate.ui.theme.Themes;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The wizard's main window: menu, demo offer, the step rail, the current step and the Back/Next bar. Binds to
 * {@link WizardViewModel}; the step views come ready-made from the {@link AppContext}.
 */
public final class WizardWindow {

    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 700;
    private static final boolean MAC = System.getProperty("os.name", "").startsWith("Mac");
    private static final KeyCombination START_SCREEN = new KeyCodeCombination(KeyCode.HOME, KeyCombination.SHORTCUT_DOWN);

    private final AppContext ctx;
    private final WizardViewModel vm;
    private final Map<Step, ToggleButton> railButtons = new EnumMap<>(Step.class);
    private final StackPane content = new StackPane();
    private final BorderPane root = new BorderPane();
    private final StartScreen start;
    private final StackPane layers = new StackPane();
    /**
     * Where the menu bar goes. The first frame shows an empty bar of the same height in its place; the menus (their
     * skins and CSS, some 30 ms on a cold start) are built right after that frame, and nothing below them moves.
     */
    private final StackPane menuSlot = new StackPane();
    private MenuBar menuBar;
    private final HelpWindows help;
    private BorderPane body;
    private Stage stage;

    public WizardWindow(AppContext ctx) {
        this.ctx = ctx;
        this.vm = ctx.wizard();
        Themes.useTheme(vm.darkProperty().get());
        this.start = new StartScreen(vm);
        this.help = new HelpWindows(() -> stage, ctx::about, () -> vm.darkProperty().get());
        build();
    }

    /**
     * Call from {@code Application.init()}, before building the {@link AppContext}: the FX thread, idle until
     * {@code start()}, meanwhile loads the light theme's stylesheet and the icon font, which the window needs first.
     * (A dark theme from the preferences replaces the light one when the window is built.)
     */
    public static void prepare() {
        FxUiBridge.later(() -> {
            Themes.useTheme(false);
            Icons.icon(Icons.NEW);
        });
    }

    /** Puts the wizard into {@code stage} (scene, title, size, close handling) and shows it. */
    public void show(Stage stage) {
        this.stage = stage;
        ctx.windowRef().set(stage);
        Prefs.WindowGeometry g = vm.prefsSnapshot().window();
        Scene scene = new Scene(root, Math.max(MIN_WIDTH, g.width()), Math.max(MIN_HEIGHT, g.height()));
        Themes.apply(scene, vm.darkProperty().get());
        FocusKeeper.install(scene);
        // A text field would take Ctrl+Home as "go to the start of the line" and the Start screen's shortcut would
        // never fire; on one line, Home does the same. (A text area keeps Ctrl+Home: there it goes to the first line.)
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (START_SCREEN.match(e) && e.getTarget() instanceof TextField) {
                e.consume();
                vm.showStart();
            }
        });
        // Tab in a text area (notes, evidence) moves the focus on, as in every other field, instead of typing a tab
        // character a keyboard user cannot get out of; Shift+Tab moves back. (A text area does this for Ctrl+Tab.)
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown()
                    && e.getTarget() instanceof TextArea area) {
                e.consume();
                area.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.TAB, e.isShiftDown(), true, false, false));
            }
        });
        vm.darkProperty().addListener((o, was, now) -> Themes.apply(scene, now));
        stage.setScene(scene);
        stage.titleProperty().bind(vm.document().titleProperty());
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.setWidth(Math.max(MIN_WIDTH, g.width()));
        stage.setHeight(Math.max(MIN_HEIGHT, g.height()));
        if (!Double.isNaN(g.x())) {
            stage.setX(g.x());
            stage.setY(g.y());
        }
        stage.setMaximized(g.maximized());
        stage.setOnCloseRequest(e -> {
            e.consume();
            requestClose();
        });
        stage.show();
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            // After this pulse has drawn the first frame, not inside it: the steps' shell and the warm-up would
            // otherwise hold the first frame back.
            FxUiBridge.later(() -> {
                installMenu();
                ensureBody();
                ctx.warmUp();
            });
        };
        scene.addPostLayoutPulseListener(once[0]);
        if (vm.startShownProperty().get()) {
            start.first().requestFocus();
        } else if (body != null) {
            railButtons.get(vm.currentProperty().get()).requestFocus();
        }
    }

    public Node root() {
        return root;
    }

    /** Asks about unsaved changes, then remembers the window geometry and closes. */
    public void requestClose() {
        vm.requestClose(() -> {
            vm.rememberWindow(new Prefs.WindowGeometry(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                    stage.isMaximized()));
            vm.closedCleanly();
            stage.close();
        });
    }

    private void build() {
        root.getStyleClass().add("wizard");
        // A bar styled as the menu bar, holding one blank label padded as a menu title: the height the menus will
        // have at any font size. Not on macOS, where the menus go to the system menu bar and take no room here.
        if (!MAC) {
            Label blank = new Label(" ");
            HBox placeholder = new HBox(blank);
            placeholder.getStyleClass().addAll("menu-bar", "menu-bar-placeholder");
            placeholder.setMouseTransparent(true);
            blank.setFocusTraversable(false);
            menuSlot.getChildren().add(placeholder);
        }
        menuSlot.setId("menu-slot");
        root.setTop(menuSlot);
        Node startRoot = start.root();
        startRoot.visibleProperty().bind(vm.startShownProperty());
        root.setCenter(layers);
        layers.getChildren().add(startRoot);
        layers.getChildren().add(toasts());
        vm.startShownProperty().addListener((o, was, now) -> {
            if (now) {
                start.first().requestFocus();
            } else {
                ensureBody();
                showStep(vm.currentProperty().get());
                railButtons.get(vm.currentProperty().get()).requestFocus();
            }
        });
        vm.currentProperty().addListener((o, was, now) -> showStep(now));
        // another plan: every step page starts at its top again, not where the last plan's page was scrolled to
        vm.document().openedProperty().addListener((o, was, now) -> {
            for (StepView v : ctx.builtStepViews()) {
                if (v.root() instanceof javafx.scene.control.ScrollPane page) {
                    page.setVvalue(page.getVmin());
                    page.setHvalue(page.getHmin());
                }
            }
        });
        if (!vm.startShownProperty().get()) {
            ensureBody();
            showStep(vm.currentProperty().get());
        }
    }

    /** Notifications, top right over everything: title, what to do, a close button; they go after 12 s. */
    private Node toasts() {
        VBox box = new VBox(8);
        box.setId("notifications");
        box.setPickOnBounds(false);
        box.setMaxWidth(420);
        box.setMaxHeight(Region.USE_PREF_SIZE);
        box.setPadding(new Insets(14));
        StackPane.setAlignment(box, Pos.TOP_RIGHT);
        Notifier n = ctx.notifier();
        Runnable fill = () -> {
            box.getChildren().clear();
            for (Notifier.Notice notice : n.notices()) {
                Label title = new Label(notice.title());
                title.getStyleClass().add("toast-title");
                title.setWrapText(true);
                title.setGraphic(Icons.icon(notice.kind() == Notifier.Kind.INFO ? org.kordamp.ikonli.feather.Feather.INFO
                        : org.kordamp.ikonli.feather.Feather.ALERT_TRIANGLE));
                Label text = new Label(notice.whatToDo());
                text.setWrapText(true);
                Button close = new Button(null, Icons.icon(org.kordamp.ikonli.feather.Feather.X));
                close.getStyleClass().add("flat");
                close.setAccessibleText("Dismiss notification");
                close.setOnAction(e -> n.dismiss(notice));
                Region grow = new Region();
                HBox.setHgrow(grow, Priority.ALWAYS);
                HBox head = new HBox(8, title, grow, close);
                head.setAlignment(Pos.TOP_LEFT);
                VBox toast = new VBox(4, head, text);
                toast.getStyleClass().addAll("toast", "toast-" + notice.kind().name().toLowerCase(java.util.Locale.ROOT));
                toast.setAccessibleRole(javafx.scene.AccessibleRole.TEXT);
                toast.setAccessibleText(notice.title() + ". " + notice.whatToDo());
                box.getChildren().add(toast);
                javafx.animation.PauseTransition later = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(12));
                later.setOnFinished(e -> n.dismiss(notice));
                later.play();
            }
        };
        n.notices().addListener((ListChangeListener<Notifier.Notice>) c -> fill.run());
        return box;
    }

    /** The steps' shell (banner, rail, content, Back/Next), built when first needed so the start screen shows fast. */
    private void ensureBody() {
        if (body != null) {
            return;
        }
        body = new BorderPane();
        body.setTop(banner());
        body.setLeft(rail());
        content.getStyleClass().add("content");
        body.setCenter(content);
        body.setBottom(navBar());
        body.visibleProperty().bind(vm.startShownProperty().not());
        layers.getChildren().add(0, body);
    }

    private void showStep(Step step) {
        if (body == null) {
            return;
        }
        railButtons.get(step).setSelected(true);
        if (vm.startShownProperty().get()) {
            return;
        }
        StepView v = ctx.stepView(step);
        Node owner = root.getScene() == null ? null : root.getScene().getFocusOwner();
        boolean focusLeaves = owner == null || inside(owner, content);
        content.getChildren().setAll(v.root());
        railButtons.get(step).setSelected(true);
        v.onShown();
        if (focusLeaves) {
            // The focused node went with the old step: without a new owner the scene would give the focus to the
            // first text field (the plan name) with its text selected.
            focusHeading();
        }
    }

    /**
     * Puts the focus on the current step's heading: where a step jump from the keyboard lands (Ctrl+1…7, Alt+←/→),
     * never a text field with its text selected. Tab goes on to the step's first field.
     */
    private void focusHeading() {
        if (body == null || vm.startShownProperty().get()) {
            return;
        }
        Node page = ctx.stepView(vm.currentProperty().get()).root();
        Node heading = Forms.heading(page);
        if (heading == null) {
            return;
        }
        if (heading.getScene() == null) {
            page.applyCss(); // a page shown for the first time gets its skin, and the heading its scene, here
        }
        heading.requestFocus();
    }

    /** A step change asked for from the keyboard (a menu item or its shortcut): the step's heading takes the focus. */
    private void jump(Runnable go) {
        go.run();
        focusHeading();
    }

    private static boolean inside(Node n, Node ancestor) {
        for (Node a = n; a != null; a = a.getParent()) {
            if (a == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** Puts the menu bar in its slot (once; the first frame has a placeholder there). */
    private void installMenu() {
        if (menuBar == null) {
            menuBar = menu();
            menuSlot.getChildren().setAll(menuBar);
        }
    }

    private MenuBar menu() {
        MenuItem newPlan = item("New", "menu-new", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), vm::newPlan);
        MenuItem open = item("Open…", "menu-open", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), vm::open);
        Menu recent = new Menu("Open Recent");
        recent.setId("menu-recent");
        Runnable fillRecent = () -> {
            recent.getItems().clear();
            for (Path p : vm.recent()) {
                MenuItem mi = new MenuItem(p.getFileName() + "  —  " + (p.getParent() == null ? "" : p.getParent()));
                mi.setMnemonicParsing(false);
                mi.setOnAction(e -> vm.openRecent(p));
                recent.getItems().add(mi);
            }
            if (recent.getItems().isEmpty()) {
                MenuItem none = new MenuItem("No recent plans");
                none.setDisable(true);
                recent.getItems().add(none);
            }
        };
        fillRecent.run();
        vm.recent().addListener((ListChangeListener<Path>) c -> fillRecent.run());
        MenuItem save = item("Save", "menu-save", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), vm::save);
        MenuItem saveAs = item("Save As…", "menu-save-as",
                new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), vm::saveAs);
        MenuItem exit = item("Exit", "menu-exit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), this::requestClose);
        MenuItem newDemo = item("New demo migration (offline)", "menu-new-demo", null, vm::newDemoMigration);
        MenuItem newAllFeatures = item("New demo of every endpoint family (offline)", "menu-new-demo-all-features", null,
                vm::newAllFeaturesDemo);
        MenuItem startScreen = item("Start screen", "menu-start", START_SCREEN, vm::showStart);
        Menu file = new Menu("File", null, newPlan, newDemo, newAllFeatures, open, recent, new SeparatorMenuItem(), save, saveAs,
                new SeparatorMenuItem(), startScreen, new SeparatorMenuItem(), exit);

        Menu go = new Menu("Go");
        go.getItems().add(item("Back", "menu-back", new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN), () -> jump(vm::back)));
        go.getItems().add(item("Next", "menu-next", new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.ALT_DOWN), () -> jump(vm::next)));
        go.getItems().add(new SeparatorMenuItem());
        for (Step s : Step.values()) {
            KeyCode digit = KeyCode.valueOf("DIGIT" + s.number());
            go.getItems().add(item(s.number() + "  " + s.title(), "menu-step-" + s.number(),
                    new KeyCodeCombination(digit, KeyCombination.SHORTCUT_DOWN), () -> jump(() -> vm.go(s))));
        }
        MenuItem demo = item("Use the embedded demo gateway", "menu-demo", null, this::useDemo);
        MenuItem runSuite = item("Run smoke tests", "menu-run-smoke", new KeyCodeCombination(KeyCode.F5), () -> {
            vm.continueWithCurrent();
            vm.go(Step.SMOKE);
            ctx.smoke().run();
        });
        MenuItem cancelRun = item("Cancel running checks", "menu-cancel-run",
                new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN), () -> {
                    ctx.smoke().cancel();
                    ctx.rollout().cancelProof();
                });
        Menu tools = new Menu("Tools", null, runSuite, cancelRun, new SeparatorMenuItem(), demo);
        MenuBar bar = new MenuBar(file, viewMenu(), go, tools);
        bar.getMenus().add(helpMenu(bar));
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private Menu viewMenu() {
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setId("menu-dark");
        dark.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        dark.setSelected(vm.darkProperty().get());
        vm.darkProperty().addListener((o, was, now) -> dark.setSelected(now));
        dark.setOnAction(e -> {
            if (dark.isSelected() != vm.darkProperty().get()) {
                vm.toggleDark();
            }
        });
        ToggleGroup modes = new ToggleGroup();
        Menu follow = new Menu("Theme");
        for (ThemeMode m : ThemeMode.values()) {
            RadioMenuItem r = new RadioMenuItem(switch (m) {
                case SYSTEM -> "Follow the system";
                case LIGHT -> "Light";
                case DARK -> "Dark";
            });
            r.setId("menu-theme-" + m.name().toLowerCase(java.util.Locale.ROOT));
            r.setToggleGroup(modes);
            r.setSelected(vm.themeModeProperty().get() == m);
            vm.themeModeProperty().addListener((o, was, now) -> r.setSelected(now == m));
            r.setOnAction(e -> vm.setThemeMode(m));
            follow.getItems().add(r);
        }
        return new Menu("View", null, dark, follow);
    }

    /** Help: the keyboard shortcuts (F1; read from this menu bar), the documentation shipped in the app, About. */
    private Menu helpMenu(MenuBar bar) {
        MenuItem keys = item("Keyboard shortcuts", "menu-shortcuts", new KeyCodeCombination(KeyCode.F1),
                () -> help.showShortcuts(bar.getMenus()));
        MenuItem docs = item("Documentation", "menu-documentation", null, help::showDocumentation);
        MenuItem about = item("About " + ai.flatkey.migrate.ui.doc.PlanDocument.APP_NAME, "menu-about", null, help::showAbout);
        return new Menu("Help", null, keys, docs, new SeparatorMenuItem(), about);
    }

    private static MenuItem item(String text, String id, KeyCombination accel, Runnable action) {
        MenuItem mi = new MenuItem(text);
        mi.setId(id);
        mi.setMnemonicParsing(false);
        if (accel != null) {
            mi.setAccelerator(accel);
        }
        mi.setOnAction(e -> action.run());
        return mi;
    }

    private Node banner() {
        Label text = new Label("No FLATKEY_API_KEY found in this app's environment. Try a demo migration on the embedded "
                + "demo gateway — it runs on this computer, offline, with a public demo key.");
        text.setWrapText(true);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button use = new Button("Start the demo migration");
        use.setId("banner-use-demo");
        use.getStyleClass().add("accent");
        use.setOnAction(e -> vm.newDemoMigration());
        use.setMinWidth(Region.USE_PREF_SIZE);
        Button dismiss = new Button("Dismiss");
        dismiss.setId("banner-dismiss");
        dismiss.setOnAction(e -> vm.dismissDemoOffer());
        dismiss.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(12, text, use, dismiss);
        box.setId("demo-banner");
        box.getStyleClass().add("banner");
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(vm.demoOfferedProperty().and(vm.startShownProperty().not()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private void useDemo() {
        ctx.endpoints().useDemo();
        vm.go(Step.ENDPOINTS);
    }

    private Node rail() {
        Label brand = new Label("Flatkey");
        brand.getStyleClass().add("brand");
        Label brandSub = new Label("Migration Assistant");
        brandSub.getStyleClass().add("brand-sub");

        Label nameLabel = new Label("PLAN");
        nameLabel.getStyleClass().add("rail-caption");
        TextField name = new TextField();
        name.setId("plan-name");
        name.getStyleClass().add("plan-name");
        name.textProperty().bindBidirectional(vm.planNameProperty());
        nameLabel.setLabelFor(name);

        Label stepsLabel = new Label("STEPS");
        stepsLabel.getStyleClass().add("rail-caption");
        VBox steps = new VBox(2);
        ToggleGroup group = new ToggleGroup();
        for (Step s : Step.values()) {
            Label num = new Label(Integer.toString(s.number()));
            num.getStyleClass().add("rail-number");
            num.setMinWidth(Region.USE_PREF_SIZE);
            Label title = new Label(s.title());
            title.getStyleClass().add("rail-title");
            title.setGraphic(Icons.icon(icon(s), "rail-icon"));
            title.setGraphicTextGap(7);
            Label sub = new Label(s.subtitle());
            sub.getStyleClass().add("rail-subtitle");
            VBox texts = new VBox(1, title, sub);
            HBox g = new HBox(10, num, texts);
            g.setAlignment(Pos.CENTER_LEFT);
            ToggleButton b = new ToggleButton();
            b.setGraphic(g);
            b.setId("rail-" + s.slug());
            b.getStyleClass().add("rail-item");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setToggleGroup(group);
            b.setMnemonicParsing(false);
            b.setAccessibleText("Step " + s.number() + ": " + s.title());
            b.setOnAction(e -> {
                vm.go(s);
                b.setSelected(true);
            });
            railButtons.put(s, b);
            steps.getChildren().add(b);
        }

        Label fileLabel = new Label();
        fileLabel.getStyleClass().add("rail-file");
        fileLabel.setWrapText(true);
        fileLabel.textProperty().bind(Bind.text(() -> {
            Path f = vm.document().file();
            String where = f == null ? "Not saved yet" : f.getFileName().toString();
            return where + (vm.document().isDirty() ? " — unsaved changes" : "");
        }, vm.document().fileProperty(), vm.document().dirtyProperty()));
        fileLabel.setId("rail-file");

        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Label keys = new Label("Ctrl+1…7 jump to a step");
        keys.getStyleClass().add("rail-hint");
        VBox rail = new VBox(6, brand, brandSub, gap(10), nameLabel, name, gap(8), stepsLabel, steps, spacer, fileLabel, keys);
        rail.getStyleClass().add("rail");
        rail.setPrefWidth(250);
        rail.setMinWidth(230);
        return rail;
    }

    static org.kordamp.ikonli.Ikon icon(Step s) {
        return switch (s) {
            case INVENTORY -> Icons.INVENTORY;
            case ENDPOINTS -> Icons.ENDPOINTS;
            case MAPPING -> Icons.MAPPING;
            case SMOKE -> Icons.SMOKE;
            case VERIFY -> Icons.VERIFY;
            case ROLLOUT -> Icons.ROLLOUT;
            case CHECKLIST -> Icons.CHECKLIST;
        };
    }

    private static Region gap(double h) {
        Region r = new Region();
        r.setMinHeight(h);
        return r;
    }

    private Node navBar() {
        Button back = new Button("Back", Icons.icon(Icons.BACK));
        back.setId("nav-back");
        back.disableProperty().bind(vm.canBackProperty().not());
        back.setOnAction(e -> vm.back());
        Button next = new Button("Next", Icons.icon(Icons.NEXT));
        next.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        next.setId("nav-next");
        next.getStyleClass().add("accent");
        next.disableProperty().bind(vm.canNextProperty().not());
        next.setOnAction(e -> vm.next());
        Label status = new Label();
        status.setId("status-message");
        status.getStyleClass().add("status-message");
        status.textProperty().bind(vm.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        Label where = new Label();
        where.getStyleClass().add("step-counter");
        where.textProperty().bind(Bind.text(() -> "Step " + vm.currentProperty().get().number() + " of "
                + Step.values().length, vm.currentProperty()));
        where.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(12, back, status, where, next);
        bar.getStyleClass().add("nav-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 20, 10, 20));
        return bar;
    }
}
