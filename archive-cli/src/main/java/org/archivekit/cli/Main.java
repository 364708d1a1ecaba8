package org.archivekit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code archivekit} command line: {@code java -jar archivekit.jar [--home DIR] COMMAND …}.
 *
 * <p>Exit codes: 0 success, 1 failure, 2 bad input, 3 not found (or not visible to the caller). Errors go to
 * stderr as {@code archivekit: <message>}. See {@code docs/cli.md}.
 *
 * @since 0.1
 */
@Command(name = "archivekit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Describe, guard and serve university archives from the command line.",
        subcommands = {InitCommand.class, DemoCommand.class, ShowCommand.class, TreeCommand.class, ListCommand.class,
            ImportCommand.class, ExportCommand.class, ShareCommand.class, CiteCommand.class, PostCommand.class,
            OnThisDayCommand.class, FeedCommand.class, QrCommand.class, AttachCommand.class, GetCommand.class,
            FilesCommand.class, VerifyCommand.class, ReconcileCommand.class, SearchCommand.class,
            SuggestCommand.class, BrowseCommand.class, ReindexCommand.class, CheckIndexCommand.class,
            OaiCommand.class, HarvestCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 bad input, 3 not found. See docs/cli.md."})
public final class Main implements Callable<Integer> {

    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:ARCHIVEKIT_HOME:-archivekit-home}",
            description = "The archive home; the store is DIR/archive.db. Default: $ARCHIVEKIT_HOME, else "
                    + "./archivekit-home.")
    private Path home = Path.of("archivekit-home");

    /** Hibernate Validator announces itself at INFO through java.util.logging; keep stderr for our messages. */
    private static final Logger QUIET_LIBRARIES = Logger.getLogger("org.hibernate.validator");

    @Spec
    private CommandSpec spec;

    private final boolean interactive;

    private Main(boolean interactive) {
        this.interactive = interactive;
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        QUIET_LIBRARIES.setLevel(java.util.logging.Level.WARNING);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = commandLine(System.console() != null).setOut(out).setErr(err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The configured command line, before its output is set; {@code interactive} tells whether a person watches
     * stderr (progress bars are drawn only then).
     */
    static CommandLine commandLine(boolean interactive) {
        CommandLine cl = new CommandLine(new Main(interactive));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((failure, command, parseResult) -> {
            PrintWriter err = command.getErr();
            err.println("archivekit: " + ExitCodes.message(failure));
            int code = ExitCodes.of(failure);
            if (code == ExitCodes.FAILURE && System.getenv("ARCHIVEKIT_DEBUG") != null) failure.printStackTrace(err);
            err.flush();
            return code;
        });
        cl.setParameterExceptionHandler((failure, args) -> {
            CommandLine command = failure.getCommandLine();
            PrintWriter err = command.getErr();
            err.println("archivekit: " + failure.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(failure, err);
            err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCodes.BAD_INPUT;
        });
        return cl;
    }

    /** The context the subcommands share. */
    CliContext context() {
        CommandLine cl = spec.commandLine();
        return new CliContext(home, cl.getOut(), cl.getErr(), interactive);
    }

    /** Without a command: prints the usage to stderr; bad input. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("archivekit: a command is required");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    /** The version Maven wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) p.load(in);
            }
            return new String[] {"archivekit " + p.getProperty("version", "dev")};
        }
    }
}
