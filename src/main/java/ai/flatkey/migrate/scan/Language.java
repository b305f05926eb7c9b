package ai.flatkey.migrate.scan;

import java.util.Locale;

/** The kinds of file the scanner reads, chosen by file name. Anything else is not read. */
public enum Language {
    PYTHON, JAVASCRIPT, JAVA, GO, CSHARP, RUBY, PHP, SHELL,
    /** {@code .env}, {@code .env.*}, {@code *.env} and Dockerfiles ({@code ENV} lines). */
    ENV,
    YAML, JSON, TOML, PROPERTIES,
    /** Dependency manifests: requirements*.txt, Pipfile, go.mod, pom.xml, Gradle builds, *.csproj, Gemfile. */
    MANIFEST;

    /** Whether this is a configuration or manifest file rather than source code. */
    public boolean isConfig() {
        return ordinal() >= ENV.ordinal();
    }

    /** The language for a file name, or {@code null} when the scanner does not read such files. */
    public static Language of(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env")) {
            return ENV;
        }
        if (name.equals("dockerfile") || name.startsWith("dockerfile.") || name.endsWith(".dockerfile")) {
            return ENV;
        }
        if (name.startsWith("requirements") && name.endsWith(".txt") || name.equals("pipfile") || name.equals("go.mod")
                || name.equals("pom.xml") || name.equals("build.gradle") || name.equals("build.gradle.kts")
                || name.endsWith(".csproj") || name.equals("gemfile") || name.endsWith(".gemspec")) {
            return MANIFEST;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "py", "pyi" -> PYTHON;
            case "js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts" -> JAVASCRIPT;
            case "java", "kt", "kts", "scala", "groovy" -> JAVA;
            case "go" -> GO;
            case "cs" -> CSHARP;
            case "rb" -> RUBY;
            case "php" -> PHP;
            case "sh", "bash", "zsh" -> SHELL;
            case "md", "markdown" -> SHELL; // only its shell code blocks are read: SourceText.shellBlocks
            case "yml", "yaml" -> YAML;
            case "json" -> name.endsWith("package-lock.json") ? null : JSON;
            case "toml" -> TOML;
            case "properties", "ini", "cfg" -> PROPERTIES;
            default -> null;
        };
    }
}
