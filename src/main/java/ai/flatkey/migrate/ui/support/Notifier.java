package ai.flatkey.migrate.ui.support;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Notifications for things that went wrong away from where the person is looking (a run that stopped, an autosave
 * that failed): a title and what to do about it. ViewModels post on the UI thread; the window shows and dismisses
 * them. At most {@value #MAX} are kept. A notice about work in a step goes when the person moves to another step or
 * opens another plan ({@link #dismissStepNotices()}); one about the document (an autosave that failed) stays.
 */
public final class Notifier {

    public static final int MAX = 4;

    /** How serious it is. */
    public enum Kind {
        INFO, WARNING, ERROR
    }

    /**
     * One notification.
     *
     * @param aboutStep whether it is about work in a step (dismissed on a step change), not about the document
     */
    public record Notice(Kind kind, String title, String whatToDo, boolean aboutStep) {
    }

    private final ObservableList<Notice> notices = FXCollections.observableArrayList();

    public ObservableList<Notice> notices() {
        return notices;
    }

    public void error(String title, String whatToDo) {
        add(new Notice(Kind.ERROR, title, whatToDo, true));
    }

    public void warning(String title, String whatToDo) {
        add(new Notice(Kind.WARNING, title, whatToDo, true));
    }

    public void info(String title, String whatToDo) {
        add(new Notice(Kind.INFO, title, whatToDo, true));
    }

    /** A warning about the document itself (not a step's work): it stays when the step changes. */
    public void documentWarning(String title, String whatToDo) {
        add(new Notice(Kind.WARNING, title, whatToDo, false));
    }

    public void dismiss(Notice n) {
        notices.remove(n);
    }

    /** Dismisses the notices about a step's work: the person moved on to another step, or another plan. */
    public void dismissStepNotices() {
        notices.removeIf(Notice::aboutStep);
    }

    private void add(Notice n) {
        notices.remove(n);
        notices.add(n);
        while (notices.size() > MAX) {
            notices.remove(0);
        }
    }
}
