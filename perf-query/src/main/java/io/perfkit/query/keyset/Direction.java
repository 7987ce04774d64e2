package io.perfkit.query.keyset;

/** A sort direction. NULLs sort as PostgreSQL sorts them by default: last when ascending, first when descending. */
public enum Direction {
    /** Ascending: smallest first, NULLs last. */
    ASC,
    /** Descending: largest first, NULLs first. */
    DESC
}
