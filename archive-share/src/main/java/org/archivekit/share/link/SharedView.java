package org.archivekit.share.link;

import java.util.Objects;
import org.archivekit.core.RecordView;

/**
 * What a share link shows its viewer: one record, as the link may show it, and what the link allows.
 *
 * @param link the link, without its token
 * @param view the record with its effective level and the breadcrumb the viewer may see
 * @param downloadsAllowed whether the viewer may download the record's digital objects
 * @since 0.1
 */
public record SharedView(ShareLink link, RecordView view, boolean downloadsAllowed) {
    public SharedView {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(view, "view");
    }
}
