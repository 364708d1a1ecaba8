/** 档案里的今天 / On this day: daily picks and content calendars, {@link org.archivekit.share.today.OnThisDay}. */
@NullMarked
package org.archivekit.share.today;

import org.jspecify.annotations.NullMarked;
