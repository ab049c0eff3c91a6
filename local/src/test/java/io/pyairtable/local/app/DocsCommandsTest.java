package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Commands in README/CLAUDE/docs must be run by ./test-all or .ci/run" (CLAUDE.md). Every command in README.md,
 * CLAUDE.md, frontend/CLAUDE.md and docs/**.md that starts with {@code ./} or {@code scripts/} (in an inline code
 * span or a line of a fenced block) names a script that exists, is executable and is invoked by {@code ./test-all}
 * or {@code .ci/run}, directly or through the scripts they call (references in comments and in echo/printf lines do
 * not count), or is on {@link #RUN_BY_A_TEST} with the test that runs it. Every such script that handles
 * {@code --help} answers it with exit 0 within 30 s; a script whose {@code --help} would build with Maven first
 * (./run-local) is not run from inside this Maven build, instead a script reached from ./test-all must call its
 * {@code --help}.
 */
class DocsCommandsTest {
    /** Documented commands run by a test rather than by ./test-all or .ci/run: script → the test that runs it. */
    static final Map<String, String> RUN_BY_A_TEST = Map.of();

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> ROOTS = List.of("test-all", ".ci/run");
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`\n]+)`");
    private static final Pattern SCRIPT = Pattern.compile("^(?:\\./)?((?:scripts/)?[A-Za-z0-9_][A-Za-z0-9_.-]*)(?:\\s|$)");
    private static final Pattern HANDLES_HELP = Pattern.compile(
            "\\*\" --help \"\\*|(^|[\\s|(])--help\\)|\\$\\{?1[^\\n]{0,8}\"? *==? *\"?--help|\"--help\"|'--help'");

    @Test
    void documentedCommandsExistAndAreRunByTestAllOrCi() {
        Map<String, Set<String>> commands = documentedCommands(REPO);
        assertThat(commands).as("commands found in the docs").containsKeys("run-local", "test-all", "mvnw",
                "scripts/check-template");
        assertThat(problems(REPO, commands, RUN_BY_A_TEST)).isEmpty();
    }

    @Test
    void documentedScriptsAnswerHelp() throws Exception {
        Set<String> reached = reachable(REPO);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String script : documentedCommands(REPO).keySet()) {
            Path file = REPO.resolve(script);
            if (!Files.isRegularFile(file) || !Files.isExecutable(file) || !handlesHelp(Files.readString(file))) {
                continue;
            }
            if (buildsBeforeHelp(Files.readString(file))) {
                // builds the project first: not from inside this build; a script of ./test-all must call it
                boolean covered = reached.stream().anyMatch(caller -> invokes(read(REPO.resolve(caller)),
                        script + " --help"));
                checked++;
                if (!covered) {
                    problems.add(script + " handles --help but builds with Maven, and no script run by ./test-all or "
                            + ".ci/run calls '" + script + " --help'");
                }
                continue;
            }
            Process process = new ProcessBuilder(file.toString(), "--help").directory(REPO.toFile())
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                problems.add(script + " --help did not finish within 30 s");
                continue;
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            checked++;
            if (process.exitValue() != 0 || output.isBlank()) {
                problems.add(script + " --help exited " + process.exitValue() + ": " + output);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("documented scripts whose --help was checked").isGreaterThanOrEqualTo(1);
    }

    /** The checks can fail: a made-up repository with each kind of defect. */
    @Test
    void reportsMissingNotExecutableAndNotRunCommands(@TempDir Path repo) throws IOException {
        write(repo, "test-all", "#!/usr/bin/env bash\n# scripts/only-in-a-comment\nscripts/a\necho \"scripts/b is not run\"\n", true);
        write(repo, ".ci/run", "#!/usr/bin/env bash\n./test-all\n", true);
        write(repo, "scripts/a", "#!/usr/bin/env bash\n\"$(dirname \"$0\")/c\" --x\n", true);
        write(repo, "scripts/b", "#!/usr/bin/env bash\ncase \"${1:-}\" in --help) echo usage; exit 0;; esac\n", true);
        write(repo, "scripts/c", "#!/usr/bin/env bash\n", true);
        write(repo, "scripts/d", "#!/usr/bin/env bash\n", false);
        write(repo, "scripts/only-in-a-comment", "#!/usr/bin/env bash\n", true);
        write(repo, "README.md", """
                Run `./test-all` or `scripts/b --fast`.

                ```bash
                $ scripts/a          # runs c
                scripts/c
                ./missing --flag
                ```
                Not a command: `scripts/` (a folder), `frontend/src`.
                """, false);
        write(repo, "docs/x.md", "`scripts/d` and `scripts/only-in-a-comment` and `scripts/e2e -g \"x\"`\n", false);

        Map<String, Set<String>> commands = documentedCommands(repo);
        assertThat(commands).containsOnlyKeys("test-all", "scripts/a", "scripts/b", "scripts/c", "missing",
                "scripts/d", "scripts/only-in-a-comment", "scripts/e2e");
        assertThat(reachable(repo)).contains("test-all", ".ci/run", "scripts/a", "scripts/c")
                .doesNotContain("scripts/b", "scripts/only-in-a-comment");
        List<String> problems = problems(repo, commands, Map.of("scripts/e2e", "SomeTest"));
        assertThat(String.join("\n", problems)).contains("missing (README.md) does not exist",
                "scripts/d (docs/x.md) is not executable",
                "scripts/b (README.md) is documented but neither ./test-all nor .ci/run runs it",
                "scripts/only-in-a-comment (docs/x.md) is documented but neither")
                .doesNotContain("scripts/a (", "scripts/c (", "test-all (");
        assertThat(problems).hasSize(6); // + scripts/e2e: does not exist, and is allow-listed but does not exist
        assertThat(handlesHelp(read(repo.resolve("scripts/b")))).isTrue();
        assertThat(buildsBeforeHelp("#!/bin/sh\nif [ \"$1\" = --help ]; then\n  echo usage\n  exit 0\nfi\n./mvnw -q verify\n")).isFalse();
        assertThat(buildsBeforeHelp("#!/bin/sh\n[[ \" $* \" != *\" --help \"* ]] && build\n./mvnw -q package\nexec java Main \"$@\"\n")).isTrue();
        assertThat(buildsBeforeHelp("#!/bin/sh\ncase \"$1\" in --help) echo usage; exit 0;; esac\n")).isFalse();
        assertThat(handlesHelp(read(repo.resolve("scripts/a")))).isFalse();
    }

    /** script path relative to the repository (without ./) → the doc files that mention it. */
    static Map<String, Set<String>> documentedCommands(Path repo) {
        Map<String, Set<String>> commands = new TreeMap<>();
        for (Path doc : docFiles(repo)) {
            String relative = repo.relativize(doc).toString();
            for (String command : commandsIn(read(doc))) {
                Matcher script = SCRIPT.matcher(command);
                if (script.find()) {
                    commands.computeIfAbsent(script.group(1), k -> new TreeSet<>()).add(relative);
                }
            }
        }
        return commands;
    }

    private static List<Path> docFiles(Path repo) {
        List<Path> files = new ArrayList<>();
        for (String name : List.of("README.md", "CLAUDE.md", "frontend/CLAUDE.md")) {
            if (Files.isRegularFile(repo.resolve(name))) {
                files.add(repo.resolve(name));
            }
        }
        if (Files.isDirectory(repo.resolve("docs"))) {
            try (Stream<Path> walk = Files.walk(repo.resolve("docs"))) {
                walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** Inline code spans outside fenced blocks, and every line of fenced blocks, that start with ./ or scripts/. */
    static List<String> commandsIn(String markdown) {
        List<String> commands = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                String text = line.strip();
                text = text.startsWith("$ ") ? text.substring(2).strip() : text;
                if (isCommand(text)) {
                    commands.add(text);
                }
                continue;
            }
            Matcher span = INLINE_CODE.matcher(line);
            while (span.find()) {
                String text = span.group(1).strip();
                if (isCommand(text)) {
                    commands.add(text);
                }
            }
        }
        return commands;
    }

    private static boolean isCommand(String text) {
        return (text.startsWith("./") || text.startsWith("scripts/")) && SCRIPT.matcher(text).find()
                && !text.split("\\s")[0].endsWith("/");
    }

    static List<String> problems(Path repo, Map<String, Set<String>> commands, Map<String, String> runByATest) {
        Set<String> reached = reachable(repo);
        List<String> problems = new ArrayList<>();
        commands.forEach((script, docs) -> {
            String where = script + " (" + String.join(", ", docs) + ")";
            Path file = repo.resolve(script);
            if (!Files.isRegularFile(file)) {
                problems.add(where + " does not exist");
            } else if (!Files.isExecutable(file)) {
                problems.add(where + " is not executable");
            } else if (!reached.contains(script) && !runByATest.containsKey(script)) {
                problems.add(where + " is documented but neither ./test-all nor .ci/run runs it (directly or through"
                        + " the scripts they call): add it there, or to DocsCommandsTest.RUN_BY_A_TEST with the test"
                        + " that runs it");
            }
        });
        runByATest.keySet().stream().filter(script -> !Files.isRegularFile(repo.resolve(script)))
                .forEach(script -> problems.add(script + " is allow-listed (run by " + runByATest.get(script)
                        + ") but does not exist"));
        return problems;
    }

    /** test-all, .ci/run and every script they invoke, transitively (paths relative to the repository). */
    static Set<String> reachable(Path repo) {
        List<String> candidates = new ArrayList<>();
        try (Stream<Path> root = Files.list(repo)) {
            root.filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                    .forEach(p -> candidates.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.isDirectory(repo.resolve("scripts"))) {
            try (Stream<Path> scripts = Files.list(repo.resolve("scripts"))) {
                scripts.filter(Files::isRegularFile).forEach(p -> candidates.add("scripts/" + p.getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Set<String> reached = new TreeSet<>();
        Deque<String> queue = new ArrayDeque<>();
        ROOTS.stream().filter(r -> Files.isRegularFile(repo.resolve(r))).forEach(queue::add);
        while (!queue.isEmpty()) {
            String current = queue.poll();
            if (!reached.add(current)) {
                continue;
            }
            String code = read(repo.resolve(current));
            for (String candidate : candidates) {
                if (!reached.contains(candidate) && invokes(code, candidate, current.startsWith("scripts/"))) {
                    queue.add(candidate);
                }
            }
        }
        return reached;
    }

    static boolean invokes(String code, String command) {
        return invokes(code, command, false);
    }

    /**
     * Whether shell code calls {@code command} (e.g. "scripts/a", "run-local", "run-local --help"): as
     * {@code ./run-local}, {@code ../run-local}, {@code scripts/a}, or from a sibling in scripts/ as
     * {@code "$(dirname "$0")/a"}. Comments and echo/printf lines are ignored.
     */
    static boolean invokes(String code, String command, boolean callerInScripts) {
        String name = command.startsWith("scripts/") ? command.substring("scripts/".length()) : command;
        List<String> forms = new ArrayList<>();
        if (command.startsWith("scripts/")) {
            forms.add("(?<![\\w./-])(?:\\./)?" + Pattern.quote(command));
            if (callerInScripts) {
                forms.add(Pattern.quote("$(dirname \"$0\")/") + Pattern.quote(name));
            }
        } else {
            forms.add("(?<![\\w.-])\\.{1,2}/" + Pattern.quote(command));
        }
        Pattern call = Pattern.compile("(?:" + String.join("|", forms) + ")(?![\\w.-])");
        for (String line : code.split("\n")) {
            String text = line.strip();
            if (text.startsWith("#") || text.startsWith("echo ") || text.startsWith("printf ")) {
                continue;
            }
            int comment = text.indexOf(" #");
            if (comment >= 0) {
                text = text.substring(0, comment);
            }
            if (call.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    static boolean handlesHelp(String script) {
        return HANDLES_HELP.matcher(code(script)).find();
    }

    /**
     * Whether {@code --help} would run Maven first: the script calls ./mvnw and does not answer --help (a line
     * handling it, then {@code exit 0} within three lines) before its first Maven call.
     */
    static boolean buildsBeforeHelp(String script) {
        List<String> lines = code(script).lines().toList();
        int maven = -1;
        for (int i = 0; i < lines.size() && maven < 0; i++) {
            if (lines.get(i).contains("mvnw")) {
                maven = i;
            }
        }
        if (maven < 0) {
            return false;
        }
        for (int i = 0; i < maven; i++) {
            if (HANDLES_HELP.matcher(lines.get(i)).find()) {
                for (int j = i; j <= Math.min(i + 3, maven - 1); j++) {
                    if (lines.get(j).matches(".*\\bexit 0\\b.*")) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The script without its comment lines. */
    private static String code(String script) {
        return String.join("\n", script.lines().filter(l -> !l.strip().startsWith("#")).toList());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path repo, String name, String text, boolean executable) throws IOException {
        Path file = repo.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    }
}
