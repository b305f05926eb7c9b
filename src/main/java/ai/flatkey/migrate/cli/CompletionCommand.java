package ai.flatkey.migrate.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code completion}: prints the bash/zsh completion script of every command and option (picocli's AutoComplete). */
@Command(name = "completion", mixinStandardHelpOptions = true,
        header = "Print the bash/zsh completion script.",
        description = {"Load it into the current shell with: source <(flatkey-migrate completion)",
                "For every new bash: flatkey-migrate completion > ~/.local/share/bash-completion/completions/flatkey-migrate",
                "In zsh the script turns on bashcompinit itself."})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash(Cli.NAME, spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return Cli.OK;
    }
}
