package org.archivekit.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.archivekit.core.Archive;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.Extent;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.Title;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit show ID}: one record as the caller sees it. */
@Command(name = "show", description = "Show one record as the chosen role sees it. A record hidden from that role"
        + " is reported exactly as a missing one (exit code 3).")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Mixin
    private ReadOptions read = new ReadOptions();

    @Parameters(index = "0", paramLabel = "ID", converter = Converters.Id.class, description = "The record's id.")
    private DescriptionId id;

    @Option(names = "--json", description = "Print the view as JSON (schema archivekit/view@1, see docs/cli.md).")
    private boolean json;

    @Override
    public Integer call() {
        CliContext ctx = main.context();
        try (Archive archive = ctx.openExisting()) {
            Principal caller = read.principal(archive);
            RecordView view = archive.view(caller, id);
            if (json) {
                ctx.out().println(ViewJson.pretty(view));
            } else {
                print(ctx.out(), view, TreeCommand.countChildren(archive, caller, id));
            }
        }
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, RecordView view, long children) {
        Description d = view.description();
        out.println(d.id() + "  " + Text.label(d.level()) + "  " + Text.label(view.effectiveLevel())
                + (d.status() == LifecycleStatus.PUBLISHED ? "" : "  " + status(d.status())));
        field(out, "档号 Reference", d.referenceCode() == null ? null : d.referenceCode().value());
        field(out, "题名 Title", d.title().text());
        for (Title t : d.parallelTitles()) field(out, "并列 Parallel", t.text() + " [" + t.language() + "]");
        if (!view.breadcrumb().isEmpty()) {
            field(out, "位置 Within", view.breadcrumb().stream().map(c -> c.title() + " (" + c.id() + ")")
                    .collect(Collectors.joining(" › ")));
        }
        field(out, "日期 Dates", join(d.dates(), ShowCommand::date));
        field(out, "责任者 Agents", join(d.agents(), ShowCommand::agent));
        field(out, "载体 Carrier", d.carrier().labelZh() + " " + d.carrier().labelEn());
        field(out, "数量 Extent", join(d.extents(), Extent::toString));
        field(out, "主题 Subjects", String.join("; ", d.subjects()));
        field(out, "语种 Languages", String.join(", ", d.languages()));
        if (d.retention() != null) {
            field(out, "保管期限 Retention", d.retention().period().labelZh() + " (" + d.retention().period().code()
                    + ")" + (d.retention().disposalReview() == null ? ""
                            : ", disposal review " + d.retention().disposalReview()));
        }
        field(out, "存址 Location", location(d));
        field(out, "开放 Access", access(d.access()));
        for (DigitalObjectRef o : d.digitalObjects()) {
            field(out, "数字对象 Object", o.fileName() + " (" + o.mediaType() + ", " + Text.count(o.size())
                    + " bytes, sha256 " + o.sha256() + ")");
        }
        if (children > 0) field(out, "下级 Children", Text.count(children) + " visible");
        if (d.scopeAndContent() != null) {
            out.println();
            out.println("内容提要 Scope and content");
            d.scopeAndContent().lines().forEach(l -> out.println(l.isBlank() ? "" : "  " + l));
        }
    }

    private static void field(PrintWriter out, String label, String value) {
        if (value == null || value.isBlank()) return;
        out.println("  " + Text.pad(label, 20) + value);
    }

    private static <T> String join(List<T> values, java.util.function.Function<T, String> f) {
        return values.stream().map(f).collect(Collectors.joining("; "));
    }

    private static String date(ArchivalDate d) {
        String normalized = d.normalized();
        return d.expression() + (d.expression().equals(normalized) ? "" : " (" + normalized + ")");
    }

    private static String agent(Agent a) {
        return a.name() + " (" + a.role().labelZh() + ")";
    }

    private static String location(Description d) {
        String place = d.location().place();
        String box = d.location().container();
        if (place == null) return box;
        return box == null ? place : place + ", " + box;
    }

    private static String access(Access a) {
        StringBuilder s = new StringBuilder("assigned " + a.level().labelZh());
        if (a.secrecy().isClassified()) s.append(", 密级 ").append(a.secrecy().labelZh());
        s.append(", ").append(a.openStatus().labelZh()).append(", ").append(a.disclosure().labelZh());
        if (a.openingDate() != null) s.append(", opens ").append(a.openingDate());
        if (a.embargoUntil() != null) s.append(", embargo until ").append(a.embargoUntil());
        return s.toString();
    }

    static String status(LifecycleStatus s) {
        return switch (s) {
            case DRAFT -> "草稿 Draft";
            case WITHDRAWN -> "撤回 Withdrawn";
            case PUBLISHED -> "";
        };
    }
}
