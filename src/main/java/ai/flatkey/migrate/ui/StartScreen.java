package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.Instants;
import ai.flatkey.migrate.ui.doc.Recovery;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.theme.Icons;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;

import java.nio.file.Path;

/**
 * The start screen: a new migration to Flatkey, open a plan (or a recent one), the offline demo migration, and the
 * recovery of unsaved work a previous session left. Binds to {@link WizardViewModel} only.
 */
final class StartScreen {

    private final WizardViewModel vm;
    private final ScrollPane root;
    private final Button first;

    StartScreen(WizardViewModel vm) {
        this.vm = vm;
        first = action("start-new", Icons.NEW, "New migration to Flatkey",
                "Start an empty plan that targets https://router.flatkey.ai/v1.", vm::newPlan);
        VBox page = new VBox(18, header(), lead(), recovery(), actions(), allFeatures(), recent());
        page.getStyleClass().add("start-page");
        page.setMaxWidth(980);
        VBox center = new VBox(page);
        center.setAlignment(Pos.TOP_CENTER);
        center.getStyleClass().add("start-screen");
        root = new ScrollPane(center);
        root.setFitToWidth(true);
        root.setId("start-screen");
        root.getStyleClass().add("step-scroll");
    }

    /** The title, and "Continue with …" the plan that is open. */
    private HBox header() {
        Label title = new Label("Move your app to Flatkey — and prove it works");
        title.getStyleClass().add("start-title");
        title.setWrapText(true);
        Hyperlink cont = new Hyperlink();
        cont.setId("start-continue");
        cont.textProperty().bind(Bind.text(() -> "Continue with “" + vm.document().plan().name() + "”",
                vm.document().planProperty()));
        cont.setOnAction(e -> vm.continueWithCurrent());
        // Only a plan there is something to continue with: one opened, saved, edited, or made with New. On a first
        // run the open plan is the blank "Untitled migration" nobody chose, which "New migration" already offers.
        cont.visibleProperty().bind(Bind.flag(() -> vm.document().file() != null || vm.document().isDirty()
                || vm.document().revisionProperty().get() > 0, vm.document().fileProperty(), vm.document().dirtyProperty(),
                vm.document().revisionProperty()));
        cont.managedProperty().bind(cont.visibleProperty());

        cont.setMinWidth(Region.USE_PREF_SIZE);
        cont.setGraphic(Icons.icon(Icons.NEXT));
        cont.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        HBox.setHgrow(title, Priority.ALWAYS);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox header = new HBox(16, title, cont);
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private static Label lead() {
        Label lead = new Label("Change configuration, not code: inventory what the app sends, point it at the gateway, map the "
                + "models, run the smoke tests, verify usage and billing, roll out in stages and export the checklist.");
        lead.getStyleClass().add("start-lead");
        lead.setWrapText(true);
        return lead;
    }

    /** New migration, open a plan, the demo migration: three large buttons sharing the width. */
    private HBox actions() {
        Button open = action("start-open", Icons.OPEN, "Open a plan…",
                "Continue a plan saved earlier (a .flatkey-plan.json file).", vm::open);
        Button demo = action("start-demo", Icons.DEMO, "Demo migration (offline)",
                "A filled-in plan on the embedded demo gateway: runs end to end on this computer.", vm::newDemoMigration);
        demo.getStyleClass().add("start-action-demo");
        HBox actions = new HBox(14, first, open, demo);
        actions.setFillHeight(true);
        for (Node n : actions.getChildren()) {
            HBox.setHgrow(n, Priority.ALWAYS);
        }
        return actions;
    }

    /** The second demo: every endpoint family and chat feature, as a link under the three actions. */
    private Hyperlink allFeatures() {
        Hyperlink link = new Hyperlink("Or the demo of every endpoint family: chat features, images, audio, moderations"
                + " and video jobs (offline)");
        link.setId("start-demo-all-features");
        link.setOnAction(e -> vm.newAllFeaturesDemo());
        return link;
    }

    /**
     * A place for the recovery card. The card is built only when a previous session left unsaved work: most starts
     * have none, and its nodes would otherwise be styled and skinned for the first frame while hidden.
     */
    private VBox recovery() {
        VBox recovery = new VBox();
        // Bind.flag, not isNotNull(): that would load javafx.beans.binding.Bindings for the first frame (see Bind).
        recovery.managedProperty().bind(Bind.flag(() -> vm.recoverableProperty().get() != null, vm.recoverableProperty()));
        Runnable showRecovery = () -> {
            if (vm.recoverableProperty().get() != null && recovery.getChildren().isEmpty()) {
                recovery.getChildren().add(recoveryCard());
            }
        };
        showRecovery.run();
        vm.recoverableProperty().addListener((o, was, now) -> showRecovery.run());
        return recovery;
    }

    /** The recent plans as links, refilled when the list changes; a note while there are none. */
    private VBox recent() {
        Label recentTitle = new Label("Recent plans");
        recentTitle.getStyleClass().add("card-title");
        VBox recentList = new VBox(4);
        recentList.setId("start-recent");
        Runnable fill = () -> {
            recentList.getChildren().clear();
            int i = 0;
            for (Path p : vm.recent()) {
                recentList.getChildren().add(recentLink(p, i++));
            }
            if (recentList.getChildren().isEmpty()) {
                Label none = new Label("No recent plans yet. Plans you save or open appear here.");
                none.getStyleClass().add("field-help");
                recentList.getChildren().add(none);
            }
        };
        fill.run();
        vm.recent().addListener((ListChangeListener<Path>) c -> fill.run());
        VBox recent = new VBox(8, recentTitle, recentList);
        recent.getStyleClass().add("card");
        return recent;
    }

    private Hyperlink recentLink(Path p, int index) {
        Hyperlink link = new Hyperlink(p.getFileName() + "   " + (p.getParent() == null ? "" : p.getParent()));
        link.setId("start-recent-" + index);
        link.setMnemonicParsing(false);
        link.setGraphic(Icons.icon(ai.flatkey.migrate.ui.theme.Icons.OPEN));
        link.setAccessibleText("Open recent plan " + p.getFileName());
        link.setOnAction(e -> vm.openRecent(p));
        return link;
    }

    private VBox recoveryCard() {
        Label head = new Label();
        head.getStyleClass().add("card-title");
        head.setGraphic(Icons.icon(Icons.RECOVER));
        head.textProperty().bind(Bind.text(() -> {
            Recovery.Found f = vm.recoverableProperty().get();
            return f == null ? "" : "Unsaved work from " + Instants.readable(f.savedAt()) + ": “" + f.plan().name() + "”";
        }, vm.recoverableProperty()));
        head.setWrapText(true);
        Label text = new Label("The app did not close normally last time. Recover the plan as it was, or discard it.");
        text.setWrapText(true);
        Button recover = new Button("Recover");
        recover.setId("start-recover");
        recover.getStyleClass().add("accent");
        recover.setOnAction(e -> vm.recover());
        Button discard = new Button("Discard");
        discard.setId("start-discard-recovery");
        discard.setOnAction(e -> vm.discardRecovery());
        HBox buttons = new HBox(10, recover, discard);
        VBox card = new VBox(8, head, text, buttons);
        card.getStyleClass().addAll("card", "recovery-card");
        card.visibleProperty().bind(Bind.flag(() -> vm.recoverableProperty().get() != null, vm.recoverableProperty()));
        card.managedProperty().bind(card.visibleProperty());
        return card;
    }

    private static Button action(String id, Ikon icon, String title, String text, Runnable run) {
        Label t = new Label(title);
        t.getStyleClass().add("start-action-title");
        t.setWrapText(true);
        Label d = new Label(text);
        d.getStyleClass().add("start-action-text");
        d.setWrapText(true);
        VBox texts = new VBox(6, Icons.icon(icon, "start-action-icon"), t, d);
        texts.setAlignment(Pos.TOP_LEFT);
        Button b = new Button();
        b.setGraphic(texts);
        b.setId(id);
        b.getStyleClass().add("start-action");
        b.setMaxWidth(Double.MAX_VALUE);
        b.setPrefWidth(260);
        b.setPrefHeight(132);
        b.setMinHeight(132);
        b.setMaxHeight(Region.USE_PREF_SIZE);
        b.setAlignment(Pos.TOP_LEFT);
        b.setMnemonicParsing(false);
        b.setAccessibleText(title + ". " + text);
        b.setOnAction(e -> run.run());
        return b;
    }

    Node root() {
        return root;
    }

    /** The first action, to focus when the screen shows. */
    Button first() {
        return first;
    }
}
