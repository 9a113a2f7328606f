package io.alarmhub.server.it;

import io.alarmhub.gateway.device.DeviceAdapterRegistry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the commands of a Markdown section as a reader pastes them, so that the page cannot rot. Blocks are
 * marked by the comment line before them: {@code <!-- doc-test: run -->} (run in one bash session, as a
 * terminal keeps variables from block to block), {@code <!-- doc-test: output -->} (what the run block
 * before it must print, line for line, {@code …} standing for any text) and {@code <!-- doc-test: server -->}
 * (stop the server and start it with this command, as in the server's own terminal). A test may give other
 * kinds a meaning of its own and run the rest.
 * <p>
 * The server runs from a directory of the test's, where {@code server/target/alarmhub.jar} is the packaged
 * jar, on free ports: their settings are added to the command's {@code --config} file (a file of the test's
 * when the command names none), and the default ports in the commands are replaced with them.
 */
final class DocSession implements AutoCloseable {

    private static final Pattern MARK = Pattern.compile("<!-- doc-test: ([a-z]+) -->");
    private static final String END = "<<doc-test: end of block>>";
    private static final String STARTED = "alarmhub node 0 started";
    /** The test's own Java first, so that {@code java -jar} runs the JDK the build uses. */
    private static final String PATH = Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH");

    record Block(String kind, String text, int line) {
    }

    private final Path dir;
    /** Default port → the test's port, replaced in run blocks. */
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final String portsYaml;
    private final Process shell;
    private final Writer shellInput;
    private final BlockingQueue<String> shellOutput = new LinkedBlockingQueue<>();
    private Process server;
    private final List<String> serverOutput = new ArrayList<>();

    DocSession(Path dir) throws IOException {
        this.dir = dir;
        Path jar = Path.of(System.getProperty("alarmhub.jar", "target/alarmhub.jar")).toAbsolutePath();
        Files.createDirectories(dir.resolve("server/target"));
        Files.createSymbolicLink(dir.resolve("server/target/alarmhub.jar"), jar);

        // Every listener's port key, the vendors' from the registry as in ServerProcess, with its default.
        Map<String, Integer> defaults = new LinkedHashMap<>();
        List.of("rest 9900", "tcp 9800", "websocket 9000", "socketio 9906", "media 9910", "stream 2015",
                "metrics 9464", "jovision 12008", "vstarcam 9920").forEach(pair -> defaults.put(
                pair.split(" ")[0] + ".port", Integer.parseInt(pair.split(" ")[1])));
        List<String> keys = new ArrayList<>(defaults.keySet());
        DeviceAdapterRegistry.STANDARD.adapters().forEach(a -> a.portKeys().stream()
                .map(key -> a.vendor() + "." + key).filter(key -> !keys.contains(key)).forEach(keys::add));
        int[] free = ServerProcess.freePorts(keys.size());
        StringBuilder yaml = new StringBuilder("\n# doc-test: the test's free ports\n");
        for (int i = 0; i < keys.size(); i++) {
            String[] key = keys.get(i).split("\\.", 2);
            yaml.append(key[0]).append(":\n  ").append(key[1]).append(": ").append(free[i]).append('\n');
            if (defaults.containsKey(keys.get(i))) {
                ports.put(Integer.toString(defaults.get(keys.get(i))), free[i]);
            }
        }
        portsYaml = yaml.toString();

        ProcessBuilder bash = new ProcessBuilder("bash", "--noprofile", "--norc").directory(dir.toFile())
                .redirectErrorStream(true);
        bash.environment().put("PATH", PATH);
        shell = bash.start();
        shellInput = new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.UTF_8);
        pump(shell, shellOutput::add);
    }

    /** The marked blocks of the section that starts with {@code heading}, up to the next heading of its level. */
    static List<Block> blocks(Path markdown, String heading) throws IOException {
        List<String> lines = Files.readAllLines(markdown);
        int start = lines.indexOf(heading);
        assertThat(start).as("%s in %s", heading, markdown).isNotNegative();
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        List<Block> blocks = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith(level); i++) {
            Matcher mark = MARK.matcher(lines.get(i).trim());
            if (!mark.matches()) {
                continue;
            }
            assertThat(lines.get(i + 1)).as("line %d: a code block follows the mark", i + 2).startsWith("```");
            int end = i + 2;
            while (!lines.get(end).startsWith("```")) {
                end++;
            }
            blocks.add(new Block(mark.group(1), String.join("\n", lines.subList(i + 2, end)), i + 1));
            i = end;
        }
        return blocks;
    }

    /**
     * Runs the blocks in order; each output block is checked against what the run block before it printed,
     * and a run block with no output block after it must print nothing.
     */
    void run(List<Block> blocks) throws Exception {
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            switch (block.kind()) {
                case "run" -> {
                    List<String> printed = runInShell(block);
                    if (i + 1 < blocks.size() && blocks.get(i + 1).kind().equals("output")) {
                        expect(blocks.get(++i), printed);
                    } else {
                        assertThat(printed).as("what the block of line %d printed", block.line()).isEmpty();
                    }
                }
                case "server" -> startServer(block.text().strip());
                default -> throw new IllegalStateException("line " + block.line() + ": a " + block.kind()
                        + " block where a run or server block belongs");
            }
        }
    }

    /** The server as {@code command} starts it, on the test's ports. */
    void startServer(String command) throws IOException, InterruptedException {
        stopServer();
        Matcher config = Pattern.compile("--config\\s+(\\S+)").matcher(command);
        if (config.find()) {
            Files.writeString(dir.resolve(config.group(1)), portsYaml, StandardOpenOption.APPEND);
        } else {
            Files.writeString(dir.resolve("doc-test-ports.yaml"), portsYaml);
            command += " --config doc-test-ports.yaml";
        }
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "exec " + command).directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PATH", PATH);
        synchronized (serverOutput) {
            serverOutput.clear();
        }
        server = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        pump(server, line -> {
            synchronized (serverOutput) {
                serverOutput.add(line);
            }
            lines.add(line);
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line = ""; !line.contains(STARTED); ) {
            line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                line = "";
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("`" + command + "` did not start:\n" + serverOutput());
                }
            }
        }
    }

    /** What {@code script} prints in the session's shell. */
    List<String> shell(String script) throws IOException, InterruptedException {
        return runInShell(new Block("run", script, 0));
    }

    /** The test's port for a listener's default port. */
    int port(int standard) {
        return ports.get(Integer.toString(standard));
    }

    /** The command with the default ports replaced by the test's. */
    String withPorts(String command) {
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            command = command.replaceAll("\\b" + port.getKey() + "\\b", Integer.toString(port.getValue()));
        }
        return command;
    }

    private List<String> runInShell(Block block) throws IOException, InterruptedException {
        String script = withPorts(block.text());
        shellInput.write(script + "\necho '" + END + "'\n");
        shellInput.flush();
        List<String> printed = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line; !END.equals(line = shellOutput.poll(100, TimeUnit.MILLISECONDS)); ) {
            if (line != null) {
                printed.add(line);
            } else if (System.nanoTime() > deadline || !shell.isAlive()) {
                throw new AssertionError("the block of line " + block.line() + " did not finish; it printed:\n"
                        + String.join("\n", printed) + "\nserver:\n" + serverOutput());
            }
        }
        return printed;
    }

    void expect(Block block, List<String> printed) {
        List<String> expected = block.text().lines().toList();
        boolean matches = printed.size() == expected.size();
        for (int i = 0; matches && i < expected.size(); i++) {
            matches = pattern(expected.get(i)).matcher(printed.get(i)).matches();
        }
        assertThat(matches).as("the output block of line %d:\n%s\n--- was printed as:\n%s\n--- server:\n%s",
                block.line(), block.text(), String.join("\n", printed), serverOutput()).isTrue();
    }

    /** An expected line as a pattern: literal text, each {@code …} any text. */
    private static Pattern pattern(String expected) {
        return Pattern.compile(Arrays.stream(expected.split("…", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*")));
    }

    String serverOutput() {
        synchronized (serverOutput) {
            return String.join("\n", serverOutput);
        }
    }

    static void pump(Process process, Consumer<String> sink) {
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException gone) {
                // the process ended; what it printed is kept
            }
        }, "doc-test-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook closes the store
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopServer();
        shell.destroy();
        if (!shell.waitFor(5, TimeUnit.SECONDS)) {
            shell.destroyForcibly();
        }
    }
}
