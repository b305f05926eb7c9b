package ai.flatkey.migrate.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The walk: .gitignore semantics, skipped folders, binaries, size limit, symlinks, cancel and bad input. */
class WalkerTest {

    private static final String CALL = "from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model=\"gpt-4o\")\n";

    @TempDir
    Path tmp;

    private Scanner scanner() {
        return new Scanner(r -> {
            Thread t = new Thread(r, "scan-test");
            t.setDaemon(true);
            return t;
        });
    }

    private void write(String rel, String text) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private List<String> filesWithCalls(ScanResult r) {
        return r.findings().stream().filter(f -> f.kind() == FindingKind.CALL).map(Finding::file).distinct().sorted().toList();
    }

    @Test
    void honoursGitignoreAndSkipsBuildAndDependencyFolders() throws Exception {
        write(".gitignore", "# generated\n*.gen.py\n/generated/\nlogs/**\n!keep.gen.py\nscratch\\ dir/\n");
        write("app/main.py", CALL);
        write("app/x.gen.py", CALL);
        write("app/keep.gen.py", CALL);
        write("generated/a.py", CALL);
        write("sub/generated/b.py", CALL); // /generated/ is anchored to the root
        write("logs/deep/c.py", CALL);
        write("scratch dir/d.py", CALL);
        write("pkg/.gitignore", "local_*.py\n!local_keep.py\n**/tmp/\n");
        write("pkg/local_e.py", CALL);
        write("pkg/local_keep.py", CALL);
        write("pkg/a/tmp/f.py", CALL);
        write("local_g.py", CALL); // pkg's rules do not apply above pkg
        for (String d : List.of(".git", "node_modules/openai", "target", "build", "dist", "out", ".venv", "venv", "__pycache__", ".gradle",
                ".idea", "vendor")) {
            write(d + "/skip.py", CALL);
        }
        ScanResult r = scanner().scan(tmp, ScanOptions.defaults(), ScanListener.NONE, () -> false);
        assertThat(filesWithCalls(r)).containsExactly("app/keep.gen.py", "app/main.py", "local_g.py", "pkg/local_keep.py", "sub/generated/b.py");
        assertThat(r.stats().ignored()).isGreaterThanOrEqualTo(12);
    }

    @Test
    void skipsBinariesLargeFilesAndUnknownTypes() throws Exception {
        write("ok.py", CALL);
        byte[] bin = (CALL + "\0\0binary").getBytes(StandardCharsets.UTF_8);
        Files.write(tmp.resolve("blob.py"), bin);
        write("big.py", CALL + "#".repeat(3 * 1024 * 1024));
        write("notes.txt", CALL);
        ScanResult r = scanner().scan(tmp, ScanOptions.defaults(), ScanListener.NONE, () -> false);
        assertThat(filesWithCalls(r)).containsExactly("ok.py");
        assertThat(r.stats().binary()).isEqualTo(1);
        assertThat(r.stats().tooLarge()).isEqualTo(1);
        assertThat(r.stats().otherTypes()).isEqualTo(1);
        assertThat(r.stats().filesVisited()).isEqualTo(4);
    }

    @Test
    void aBinaryFileWithoutATriggerWordIsPassedOverNotCountedAsSkipped() throws Exception {
        Files.write(tmp.resolve("image.py"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        write("ok.py", CALL);
        ScanResult r = scanner().scan(tmp, ScanOptions.defaults(), ScanListener.NONE, () -> false);
        assertThat(r.stats().binary()).isZero();
        assertThat(r.stats().filesRead()).isEqualTo(2);
        assertThat(r.stats().filesAnalysed()).isEqualTo(1);
    }

    @Test
    void everyFileOfAWideAndDeepTreeIsScannedOnce() throws Exception {
        // Far more files than one hand-off batch, spread over folders, so that batches end mid-folder and at the end.
        int n = 0;
        for (int d = 0; d < 7; d++) {
            for (int f = 0; f < 45 + d; f++) {
                write("d" + d + "/sub" + (f % 3) + "/f" + f + ".py", f % 5 == 0 ? CALL : "print('x')\n");
                n++;
            }
        }
        AtomicInteger progress = new AtomicInteger();
        ScanResult r = scanner().scan(tmp, ScanOptions.defaults(), done -> progress.accumulateAndGet(done, Math::max), () -> false);
        assertThat(r.stats().filesVisited()).isEqualTo(n);
        assertThat(r.stats().filesRead()).isEqualTo(n);
        assertThat(progress.get()).isEqualTo(n);
        long expected = 0;
        for (int d = 0; d < 7; d++) {
            expected += (45 + d + 4) / 5;
        }
        assertThat(filesWithCalls(r)).hasSize((int) expected).doesNotHaveDuplicates();
    }

    @Test
    void followsNoSymlinkOutOfTheTree(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("secret.py"), CALL);
        write("inside/real.py", CALL);
        try {
            Files.createSymbolicLink(tmp.resolve("link-out.py"), outside.resolve("secret.py"));
            Files.createSymbolicLink(tmp.resolve("dir-out"), outside);
            Files.createSymbolicLink(tmp.resolve("loop"), tmp);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symlinks not supported here");
        }
        ScanResult r = scanner().scan(tmp, ScanOptions.defaults(), ScanListener.NONE, () -> false);
        assertThat(filesWithCalls(r)).containsExactly("inside/real.py");
        assertThat(r.stats().symlinksSkipped()).isEqualTo(3);
    }

    @Test
    void cancelStopsTheScan() throws Exception {
        for (int i = 0; i < 300; i++) {
            write("m" + (i % 10) + "/f" + i + ".py", CALL);
        }
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicInteger seen = new AtomicInteger();
        assertThatThrownBy(() -> scanner().scan(tmp, new ScanOptions(ScanOptions.DEFAULT_MAX_FILE_BYTES, 2, null), n -> {
            seen.set(n);
            if (n >= 20) {
                cancel.set(true);
            }
        }, cancel::get)).isInstanceOf(ScanCancelledException.class).hasMessageStartingWith("Scan cancelled after");
        assertThat(seen.get()).isLessThan(300);
    }

    @Test
    void badFoldersGetPlainMessages() throws Exception {
        assertThatThrownBy(() -> scanner().scan(tmp.resolve("missing"), ScanOptions.defaults(), ScanListener.NONE, () -> false))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("does not exist");
        write("file.py", CALL);
        assertThatThrownBy(() -> scanner().scan(tmp.resolve("file.py"), ScanOptions.defaults(), ScanListener.NONE, () -> false))
                .isInstanceOf(IOException.class).hasMessageContaining("is a file, not a folder");
    }

    @Test
    void malformedTextIsReadWithoutFailing() throws Exception {
        byte[] bad = new byte[]{(byte) 0xff, (byte) 0xfe, 'o', 'p', 'e', 'n', 'a', 'i', '(', '(', '(', '"', '\n'};
        Files.write(tmp.resolve("weird.py"), bad);
        write("broken.js", "import OpenAI from \"openai\";\nconst c = new OpenAI({ baseURL: \"https://x.example.com/v1\"\n");
        write("bad.gitignore.dir/.gitignore", "[\n\\\n!\n/\n");
        ScanResult r = scanner().scan(tmp, ScanOptions.defaults(), ScanListener.NONE, () -> false);
        assertThat(r.findings()).anyMatch(f -> f.kind() == FindingKind.BASE_URL && f.value().equals("https://x.example.com/v1"));
        assertThat(r.stats().unreadable()).isZero();
    }

    @Test
    void gitignorePatterns() {
        GitIgnore g = GitIgnore.parse("*.log\n!important.log\nbuild/\n/root-only.txt\ndocs/**/*.pdf\na?c\n[Tt]emp*\n");
        assertThat(g.match("x/y/debug.log", false)).isEqualTo(GitIgnore.Match.IGNORED);
        assertThat(g.match("x/important.log", false)).isEqualTo(GitIgnore.Match.INCLUDED);
        assertThat(g.match("x/build", true)).isEqualTo(GitIgnore.Match.IGNORED);
        assertThat(g.match("x/build", false)).isEqualTo(GitIgnore.Match.NONE);
        assertThat(g.match("root-only.txt", false)).isEqualTo(GitIgnore.Match.IGNORED);
        assertThat(g.match("sub/root-only.txt", false)).isEqualTo(GitIgnore.Match.NONE);
        assertThat(g.match("docs/a/b/c.pdf", false)).isEqualTo(GitIgnore.Match.IGNORED);
        assertThat(g.match("docs/c.pdf", false)).isEqualTo(GitIgnore.Match.IGNORED);
        assertThat(g.match("other/c.pdf", false)).isEqualTo(GitIgnore.Match.NONE);
        assertThat(g.match("abc", false)).isEqualTo(GitIgnore.Match.IGNORED);
        assertThat(g.match("ac", false)).isEqualTo(GitIgnore.Match.NONE);
        assertThat(g.match("Temp1", true)).isEqualTo(GitIgnore.Match.IGNORED);
    }
}
