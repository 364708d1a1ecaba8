/**
 * Dublin Core: the {@code oai_dc} record form that OAI-PMH harvesters and library catalogues expect, written one
 * record at a time into a caller's {@link javax.xml.stream.XMLStreamWriter}.
 */
@NullMarked
package org.archivekit.share.dc;

import org.jspecify.annotations.NullMarked;
