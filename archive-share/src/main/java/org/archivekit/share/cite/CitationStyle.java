package org.archivekit.share.cite;

/**
 * The citation styles ArchiveKit writes.
 *
 * @since 0.1
 */
public enum CitationStyle {
    /**
     * GB/T 7714-2015, archival document with the [A] type marker:
     * {@code 责任者. 题名[A]. 保存单位, 日期. 档号: 档号.} — English records take the same order with
     * {@code Reference code:}.
     */
    GBT7714,
    /**
     * Chicago notes and bibliography (17th ed., manuscript collections): the note
     * {@code Creator, "Title," date, reference code, Fonds, Repository.}
     */
    CHICAGO_NOTE,
    /** Chicago bibliography entry: {@code Creator. "Title." Date. Reference code. Fonds. Repository.} */
    CHICAGO_BIBLIOGRAPHY
}
