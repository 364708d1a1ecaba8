/**
 * OCFL storage roots in Amazon S3 or an S3-protocol server for archive-core's digital objects: {@link
 * org.archivekit.s3.S3Storage} builds archive-core's neutral {@link org.archivekit.core.objects.ObjectStorage} from
 * a bucket, a prefix and the S3 client settings. The AWS SDK stays in this module.
 */
@NullMarked
package org.archivekit.s3;

import org.jspecify.annotations.NullMarked;
