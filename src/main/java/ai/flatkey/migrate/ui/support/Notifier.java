package ai.flatkey.migrate.ui.support;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Notifications for things that went wrong away from where the person is looking (a run that stopped, an autosave
 * that failed): a title and what to do about it. ViewModels post on the UI thread; the window shows and dismisses
 * them. At most {@value #MAX} are kept.
 */
public final class Notifier {

    public static final int MAX = 4;

    /** How serious it is. */
    public enum Kind {
        INFO, WARNING, ERROR
    }

    /** One notification. */
    public record Notice(Kind kind, String title, String whatToDo) {
    }

    private final ObservableList<Notice> notices = FXCollections.observableArrayList();

    public ObservableList<Notice> notices() {
        return notices;
    }

    public void error(String title, String whatToDo) {
        add(new Notice(Kind.ERROR, title, whatToDo));
    }

    public void warning(String title, String whatToDo) {
        add(new Notice(Kind.WARNING, title, whatToDo));
    }

    public void info(String title, String whatToDo) {
        add(new Notice(Kind.INFO, title, whatToDo));
    }

    public void dismiss(Notice n) {
        notices.remove(n);
    }

    private void add(Notice n) {
        notices.remove(n);
        notices.add(n);
        while (notices.size() > MAX) {
            notices.remove(0);
        }
    }
}
