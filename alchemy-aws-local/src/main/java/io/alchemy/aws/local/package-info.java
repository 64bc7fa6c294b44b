/**
 * Local mode for {@code io.alchemy.aws}: an S3-compatible server (Adobe S3Mock) started for the
 * session (see {@link io.alchemy.aws.local.EmbeddedS3Factory}).
 */
package io.alchemy.aws.local;
