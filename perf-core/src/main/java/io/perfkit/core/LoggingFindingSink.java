package io.perfkit.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs findings on {@code io.perfkit.findings}, one record each, at a level that follows the severity. */
final class LoggingFindingSink implements FindingSink {
    static final LoggingFindingSink INSTANCE = new LoggingFindingSink();
    private static final Logger LOG = LoggerFactory.getLogger("io.perfkit.findings");

    private LoggingFindingSink() {}

    @Override
    public void accept(Finding finding) {
        switch (finding.severity()) {
            case CRITICAL:
                if (LOG.isErrorEnabled()) {
                    LOG.error(finding.describe());
                }
                break;
            case WARNING:
                if (LOG.isWarnEnabled()) {
                    LOG.warn(finding.describe());
                }
                break;
            default:
                if (LOG.isInfoEnabled()) {
                    LOG.info(finding.describe());
                }
                break;
        }
    }

    @Override
    public String toString() {
        return "FindingSink.logging()";
    }
}
