/**
 * State shared between perf-query's packages. Not an API: public only so the optional integration packages can
 * reach it; changes without notice.
 */
@NullMarked
package io.perfkit.query.internal;

import org.jspecify.annotations.NullMarked;
