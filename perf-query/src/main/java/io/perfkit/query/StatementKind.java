package io.perfkit.query;

/**
 * What a statement does, read from its first keyword (and, for {@code WITH}, from its data-modifying parts).
 * Used as a metric tag value, so the set is small and fixed.
 */
public enum StatementKind {
    /** {@code SELECT}, {@code VALUES}, {@code TABLE}, {@code SHOW} and {@code WITH ... SELECT}. */
    SELECT,
    /** {@code INSERT}, including {@code WITH ... INSERT}. */
    INSERT,
    /** {@code UPDATE}, including {@code WITH ... UPDATE}. */
    UPDATE,
    /** {@code DELETE}, including {@code WITH ... DELETE}. */
    DELETE,
    /** {@code MERGE}. */
    MERGE,
    /** {@code CALL} of a procedure, or a JDBC escape {@code {call ...}}. */
    CALL,
    /** {@code CREATE}, {@code ALTER}, {@code DROP}, {@code TRUNCATE} and other schema changes. */
    DDL,
    /** Anything else: {@code SET}, {@code BEGIN}, {@code COPY}, {@code EXPLAIN}, {@code VACUUM}... */
    OTHER;

    /** @return true for kinds that change data: INSERT, UPDATE, DELETE and MERGE */
    public boolean isWrite() {
        return this == INSERT || this == UPDATE || this == DELETE || this == MERGE;
    }

    /** @return the tag value: the lower-case name */
    public String tagValue() {
        return TAGS[ordinal()];
    }

    private static final String[] TAGS = {"select", "insert", "update", "delete", "merge", "call", "ddl", "other"};
}
