package io.perfkit.query.internal.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Wraps the driver's {@link DatabaseMetaData} so that {@link #getConnection()} returns the wrapping connection
 * (JDBC: "the connection that produced this metadata object") and the result sets of its queries report a
 * statement whose connection is the wrapper, never the driver's own connection. Every other method delegates;
 * metadata queries are not timed or fingerprinted (they are the driver's own SQL, not the application's).
 * The delegating methods were generated from the interface; parameters keep the interface's order.
 */
final class MonitoredDatabaseMetaData implements DatabaseMetaData {
    private final DatabaseMetaData delegate;
    private final MonitoredConnection connection;
    private final JdbcObserver observer;

    MonitoredDatabaseMetaData(DatabaseMetaData delegate, MonitoredConnection connection, JdbcObserver observer) {
        this.delegate = delegate;
        this.connection = connection;
        this.observer = observer;
    }

    @Override
    public Connection getConnection() throws SQLException {
        delegate.getConnection(); // keeps the driver's "connection is closed" check
        return connection;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return JdbcWrappers.unwrap(this, delegate, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return JdbcWrappers.isWrapperFor(this, delegate, iface);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    private @Nullable ResultSet wrap(@Nullable ResultSet rs) {
        return rs == null ? null : new MonitoredResultSet(rs, connection, observer);
    }

    @Override
    public boolean allProceduresAreCallable() throws SQLException {
        return delegate.allProceduresAreCallable();
    }

    @Override
    public boolean allTablesAreSelectable() throws SQLException {
        return delegate.allTablesAreSelectable();
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
        return delegate.autoCommitFailureClosesAllResultSets();
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
        return delegate.dataDefinitionCausesTransactionCommit();
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
        return delegate.dataDefinitionIgnoredInTransactions();
    }

    @Override
    public boolean deletesAreDetected(int p0) throws SQLException {
        return delegate.deletesAreDetected(p0);
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
        return delegate.doesMaxRowSizeIncludeBlobs();
    }

    @Override
    public boolean generatedKeyAlwaysReturned() throws SQLException {
        return delegate.generatedKeyAlwaysReturned();
    }

    @Override
    public @Nullable ResultSet getAttributes(@Nullable String p0, @Nullable String p1, @Nullable String p2,
            @Nullable String p3) throws SQLException {
        return wrap(delegate.getAttributes(p0, p1, p2, p3));
    }

    @Override
    public @Nullable ResultSet getBestRowIdentifier(@Nullable String p0, @Nullable String p1, @Nullable String p2,
            int p3, boolean p4) throws SQLException {
        return wrap(delegate.getBestRowIdentifier(p0, p1, p2, p3, p4));
    }

    @Override
    public @Nullable String getCatalogSeparator() throws SQLException {
        return delegate.getCatalogSeparator();
    }

    @Override
    public @Nullable String getCatalogTerm() throws SQLException {
        return delegate.getCatalogTerm();
    }

    @Override
    public @Nullable ResultSet getCatalogs() throws SQLException {
        return wrap(delegate.getCatalogs());
    }

    @Override
    public @Nullable ResultSet getClientInfoProperties() throws SQLException {
        return wrap(delegate.getClientInfoProperties());
    }

    @Override
    public @Nullable ResultSet getColumnPrivileges(@Nullable String p0, @Nullable String p1, @Nullable String p2,
            @Nullable String p3) throws SQLException {
        return wrap(delegate.getColumnPrivileges(p0, p1, p2, p3));
    }

    @Override
    public @Nullable ResultSet getColumns(@Nullable String p0, @Nullable String p1, @Nullable String p2,
            @Nullable String p3) throws SQLException {
        return wrap(delegate.getColumns(p0, p1, p2, p3));
    }

    @Override
    public @Nullable ResultSet getCrossReference(@Nullable String p0, @Nullable String p1, @Nullable String p2,
            @Nullable String p3, @Nullable String p4, @Nullable String p5) throws SQLException {
        return wrap(delegate.getCrossReference(p0, p1, p2, p3, p4, p5));
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        return delegate.getDatabaseMajorVersion();
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        return delegate.getDatabaseMinorVersion();
    }

    @Override
    public @Nullable String getDatabaseProductName() throws SQLException {
        return delegate.getDatabaseProductName();
    }

    @Override
    public @Nullable String getDatabaseProductVersion() throws SQLException {
        return delegate.getDatabaseProductVersion();
    }

    @Override
    public int getDefaultTransactionIsolation() throws SQLException {
        return delegate.getDefaultTransactionIsolation();
    }

    @Override
    public int getDriverMajorVersion() {
        return delegate.getDriverMajorVersion();
    }

    @Override
    public int getDriverMinorVersion() {
        return delegate.getDriverMinorVersion();
    }

    @Override
    public @Nullable String getDriverName() throws SQLException {
        return delegate.getDriverName();
    }

    @Override
    public @Nullable String getDriverVersion() throws SQLException {
        return delegate.getDriverVersion();
    }

    @Override
    public @Nullable ResultSet getExportedKeys(@Nullable String p0, @Nullable String p1,
            @Nullable String p2) throws SQLException {
        return wrap(delegate.getExportedKeys(p0, p1, p2));
    }

    @Override
    public @Nullable String getExtraNameCharacters() throws SQLException {
        return delegate.getExtraNameCharacters();
    }

    @Override
    public @Nullable ResultSet getFunctionColumns(@Nullable String p0, @Nullable String p1, @Nullable String p2,
            @Nullable String p3) throws SQLException {
        return wrap(delegate.getFunctionColumns(p0, p1, p2, p3));
    }

    @Override
    public @Nullable ResultSet getFunctions(@Nullable String p0, @Nullable String p1,
            @Nullable String p2) throws SQLException {
        return wrap(delegate.getFunctions(p0, p1, p2));
    }

    @Override
    public @Nullable String getIdentifierQuoteString() throws SQLException {
        return delegate.getIdentifierQuoteString();
    }

    @Override
    public @Nullable ResultSet getImportedKeys(@Nullable String p0, @Nullable String p1,
            @Nullable String p2) throws SQLException {
        return wrap(delegate.getImportedKeys(p0, p1, p2));
    }

    @Override
    public @Nullable ResultSet getIndexInfo(@Nullable String p0, @Nullable String p1, @Nullable String p2, boolean p3,
            boolean p4) throws SQLException {
        return wrap(delegate.getIndexInfo(p0, p1, p2, p3, p4));
    }

    @Override
    public int getJDBCMajorVersion() throws SQLException {
        return delegate.getJDBCMajorVersion();
    }

    @Override
    public int getJDBCMinorVersion() throws SQLException {
        return delegate.getJDBCMinorVersion();
    }

    @Override
    public int getMaxBinaryLiteralLength() throws SQLException {
        return delegate.getMaxBinaryLiteralLength();
    }

    @Override
    public int getMaxCatalogNameLength() throws SQLException {
        return delegate.getMaxCatalogNameLength();
    }

    @Override
    public int getMaxCharLiteralLength() throws SQLException {
        return delegate.getMaxCharLiteralLength();
    }

    @Override
    public int getMaxColumnNameLength() throws SQLException {
        return delegate.getMaxColumnNameLength();
    }

    @Override
    public int getMaxColumnsInGroupBy() throws SQLException {
        return delegate.getMaxColumnsInGroupBy();
    }

    @Override
    public int getMaxColumnsInIndex() throws SQLException {
        return delegate.getMaxColumnsInIndex();
    }

    @Override
    public int getMaxColumnsInOrderBy() throws SQLException {
        return delegate.getMaxColumnsInOrderBy();
    }

    @Override
    public int getMaxColumnsInSelect() throws SQLException {
        return delegate.getMaxColumnsInSelect();
    }

    @Override
    public int getMaxColumnsInTable() throws SQLException {
        return delegate.getMaxColumnsInTable();
    }

    @Override
    public int getMaxConnections() throws SQLException {
        return delegate.getMaxConnections();
    }

    @Override
    public int getMaxCursorNameLength() throws SQLException {
        return delegate.getMaxCursorNameLength();
    }

    @Override
    public int getMaxIndexLength() throws SQLException {
        return delegate.getMaxIndexLength();
    }

    @Override
    public long getMaxLogicalLobSize() throws SQLException {
        return delegate.getMaxLogicalLobSize();
    }

    @Override
    public int getMaxProcedureNameLength() throws SQLException {
        return delegate.getMaxProcedureNameLength();
    }

    @Override
    public int getMaxRowSize() throws SQLException {
        return delegate.getMaxRowSize();
    }

    @Override
    public int getMaxSchemaNameLength() throws SQLException {
        return delegate.getMaxSchemaNameLength();
    }

    @Override
    public int getMaxStatementLength() throws SQLException {
        return delegate.getMaxStatementLength();
    }

    @Override
    public int getMaxStatements() throws SQLException {
        return delegate.getMaxStatements();
    }

    @Override
    public int getMaxTableNameLength() throws SQLException {
        return delegate.getMaxTableNameLength();
    }

    @Override
    public int getMaxTablesInSelect() throws SQLException {
        return delegate.getMaxTablesInSelect();
    }

    @Override
    public int getMaxUserNameLength() throws SQLException {
        return delegate.getMaxUserNameLength();
    }

    @Override
    public @Nullable String getNumericFunctions() throws SQLException {
        return delegate.getNumericFunctions();
    }

    @Override
    public @Nullable ResultSet getPrimaryKeys(@Nullable String p0, @Nullable String p1,
            @Nullable String p2) throws SQLException {
        return wrap(delegate.getPrimaryKeys(p0, p1, p2));
    }

    @Override
    public @Nullable ResultSet getProcedureColumns(@Nullable String p0, @Nullable String p1, @Nullable String p2,
            @Nullable String p3) throws SQLException {
        return wrap(delegate.getProcedureColumns(p0, p1, p2, p3));
    }

    @Override
    public @Nullable String getProcedureTerm() throws SQLException {
        return delegate.getProcedureTerm();
    }

    @Override
    public @Nullable ResultSet getProcedures(@Nullable String p0, @Nullable String p1,
            @Nullable String p2) throws SQLException {
        return wrap(delegate.getProcedures(p0, p1, p2));
    }

    @Override
    public @Nullable ResultSet getPseudoColumns(@Nullable String p0, @Nullable String p1, @Nullable String p2,
            @Nullable String p3) throws SQLException {
        return wrap(delegate.getPseudoColumns(p0, p1, p2, p3));
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        return delegate.getResultSetHoldability();
    }

    @Override
    public @Nullable RowIdLifetime getRowIdLifetime() throws SQLException {
        return delegate.getRowIdLifetime();
    }

    @Override
    public @Nullable String getSQLKeywords() throws SQLException {
        return delegate.getSQLKeywords();
    }

    @Override
    public int getSQLStateType() throws SQLException {
        return delegate.getSQLStateType();
    }

    @Override
    public @Nullable String getSchemaTerm() throws SQLException {
        return delegate.getSchemaTerm();
    }

    @Override
    public @Nullable ResultSet getSchemas() throws SQLException {
        return wrap(delegate.getSchemas());
    }

    @Override
    public @Nullable ResultSet getSchemas(@Nullable String p0, @Nullable String p1) throws SQLException {
        return wrap(delegate.getSchemas(p0, p1));
    }

    @Override
    public @Nullable String getSearchStringEscape() throws SQLException {
        return delegate.getSearchStringEscape();
    }

    @Override
    public @Nullable String getStringFunctions() throws SQLException {
        return delegate.getStringFunctions();
    }

    @Override
    public @Nullable ResultSet getSuperTables(@Nullable String p0, @Nullable String p1,
            @Nullable String p2) throws SQLException {
        return wrap(delegate.getSuperTables(p0, p1, p2));
    }

    @Override
    public @Nullable ResultSet getSuperTypes(@Nullable String p0, @Nullable String p1,
            @Nullable String p2) throws SQLException {
        return wrap(delegate.getSuperTypes(p0, p1, p2));
    }

    @Override
    public @Nullable String getSystemFunctions() throws SQLException {
        return delegate.getSystemFunctions();
    }

    @Override
    public @Nullable ResultSet getTablePrivileges(@Nullable String p0, @Nullable String p1,
            @Nullable String p2) throws SQLException {
        return wrap(delegate.getTablePrivileges(p0, p1, p2));
    }

    @Override
    public @Nullable ResultSet getTableTypes() throws SQLException {
        return wrap(delegate.getTableTypes());
    }

    @Override
    public @Nullable ResultSet getTables(@Nullable String p0, @Nullable String p1, @Nullable String p2,
            String @Nullable [] p3) throws SQLException {
        return wrap(delegate.getTables(p0, p1, p2, p3));
    }

    @Override
    public @Nullable String getTimeDateFunctions() throws SQLException {
        return delegate.getTimeDateFunctions();
    }

    @Override
    public @Nullable ResultSet getTypeInfo() throws SQLException {
        return wrap(delegate.getTypeInfo());
    }

    @Override
    public @Nullable ResultSet getUDTs(@Nullable String p0, @Nullable String p1, @Nullable String p2,
            int @Nullable [] p3) throws SQLException {
        return wrap(delegate.getUDTs(p0, p1, p2, p3));
    }

    @Override
    public @Nullable String getURL() throws SQLException {
        return delegate.getURL();
    }

    @Override
    public @Nullable String getUserName() throws SQLException {
        return delegate.getUserName();
    }

    @Override
    public @Nullable ResultSet getVersionColumns(@Nullable String p0, @Nullable String p1,
            @Nullable String p2) throws SQLException {
        return wrap(delegate.getVersionColumns(p0, p1, p2));
    }

    @Override
    public boolean insertsAreDetected(int p0) throws SQLException {
        return delegate.insertsAreDetected(p0);
    }

    @Override
    public boolean isCatalogAtStart() throws SQLException {
        return delegate.isCatalogAtStart();
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return delegate.isReadOnly();
    }

    @Override
    public boolean locatorsUpdateCopy() throws SQLException {
        return delegate.locatorsUpdateCopy();
    }

    @Override
    public boolean nullPlusNonNullIsNull() throws SQLException {
        return delegate.nullPlusNonNullIsNull();
    }

    @Override
    public boolean nullsAreSortedAtEnd() throws SQLException {
        return delegate.nullsAreSortedAtEnd();
    }

    @Override
    public boolean nullsAreSortedAtStart() throws SQLException {
        return delegate.nullsAreSortedAtStart();
    }

    @Override
    public boolean nullsAreSortedHigh() throws SQLException {
        return delegate.nullsAreSortedHigh();
    }

    @Override
    public boolean nullsAreSortedLow() throws SQLException {
        return delegate.nullsAreSortedLow();
    }

    @Override
    public boolean othersDeletesAreVisible(int p0) throws SQLException {
        return delegate.othersDeletesAreVisible(p0);
    }

    @Override
    public boolean othersInsertsAreVisible(int p0) throws SQLException {
        return delegate.othersInsertsAreVisible(p0);
    }

    @Override
    public boolean othersUpdatesAreVisible(int p0) throws SQLException {
        return delegate.othersUpdatesAreVisible(p0);
    }

    @Override
    public boolean ownDeletesAreVisible(int p0) throws SQLException {
        return delegate.ownDeletesAreVisible(p0);
    }

    @Override
    public boolean ownInsertsAreVisible(int p0) throws SQLException {
        return delegate.ownInsertsAreVisible(p0);
    }

    @Override
    public boolean ownUpdatesAreVisible(int p0) throws SQLException {
        return delegate.ownUpdatesAreVisible(p0);
    }

    @Override
    public boolean storesLowerCaseIdentifiers() throws SQLException {
        return delegate.storesLowerCaseIdentifiers();
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
        return delegate.storesLowerCaseQuotedIdentifiers();
    }

    @Override
    public boolean storesMixedCaseIdentifiers() throws SQLException {
        return delegate.storesMixedCaseIdentifiers();
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
        return delegate.storesMixedCaseQuotedIdentifiers();
    }

    @Override
    public boolean storesUpperCaseIdentifiers() throws SQLException {
        return delegate.storesUpperCaseIdentifiers();
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
        return delegate.storesUpperCaseQuotedIdentifiers();
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() throws SQLException {
        return delegate.supportsANSI92EntryLevelSQL();
    }

    @Override
    public boolean supportsANSI92FullSQL() throws SQLException {
        return delegate.supportsANSI92FullSQL();
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() throws SQLException {
        return delegate.supportsANSI92IntermediateSQL();
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() throws SQLException {
        return delegate.supportsAlterTableWithAddColumn();
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() throws SQLException {
        return delegate.supportsAlterTableWithDropColumn();
    }

    @Override
    public boolean supportsBatchUpdates() throws SQLException {
        return delegate.supportsBatchUpdates();
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() throws SQLException {
        return delegate.supportsCatalogsInDataManipulation();
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
        return delegate.supportsCatalogsInIndexDefinitions();
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
        return delegate.supportsCatalogsInPrivilegeDefinitions();
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() throws SQLException {
        return delegate.supportsCatalogsInProcedureCalls();
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() throws SQLException {
        return delegate.supportsCatalogsInTableDefinitions();
    }

    @Override
    public boolean supportsColumnAliasing() throws SQLException {
        return delegate.supportsColumnAliasing();
    }

    @Override
    public boolean supportsConvert() throws SQLException {
        return delegate.supportsConvert();
    }

    @Override
    public boolean supportsConvert(int p0, int p1) throws SQLException {
        return delegate.supportsConvert(p0, p1);
    }

    @Override
    public boolean supportsCoreSQLGrammar() throws SQLException {
        return delegate.supportsCoreSQLGrammar();
    }

    @Override
    public boolean supportsCorrelatedSubqueries() throws SQLException {
        return delegate.supportsCorrelatedSubqueries();
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
        return delegate.supportsDataDefinitionAndDataManipulationTransactions();
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
        return delegate.supportsDataManipulationTransactionsOnly();
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() throws SQLException {
        return delegate.supportsDifferentTableCorrelationNames();
    }

    @Override
    public boolean supportsExpressionsInOrderBy() throws SQLException {
        return delegate.supportsExpressionsInOrderBy();
    }

    @Override
    public boolean supportsExtendedSQLGrammar() throws SQLException {
        return delegate.supportsExtendedSQLGrammar();
    }

    @Override
    public boolean supportsFullOuterJoins() throws SQLException {
        return delegate.supportsFullOuterJoins();
    }

    @Override
    public boolean supportsGetGeneratedKeys() throws SQLException {
        return delegate.supportsGetGeneratedKeys();
    }

    @Override
    public boolean supportsGroupBy() throws SQLException {
        return delegate.supportsGroupBy();
    }

    @Override
    public boolean supportsGroupByBeyondSelect() throws SQLException {
        return delegate.supportsGroupByBeyondSelect();
    }

    @Override
    public boolean supportsGroupByUnrelated() throws SQLException {
        return delegate.supportsGroupByUnrelated();
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() throws SQLException {
        return delegate.supportsIntegrityEnhancementFacility();
    }

    @Override
    public boolean supportsLikeEscapeClause() throws SQLException {
        return delegate.supportsLikeEscapeClause();
    }

    @Override
    public boolean supportsLimitedOuterJoins() throws SQLException {
        return delegate.supportsLimitedOuterJoins();
    }

    @Override
    public boolean supportsMinimumSQLGrammar() throws SQLException {
        return delegate.supportsMinimumSQLGrammar();
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() throws SQLException {
        return delegate.supportsMixedCaseIdentifiers();
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
        return delegate.supportsMixedCaseQuotedIdentifiers();
    }

    @Override
    public boolean supportsMultipleOpenResults() throws SQLException {
        return delegate.supportsMultipleOpenResults();
    }

    @Override
    public boolean supportsMultipleResultSets() throws SQLException {
        return delegate.supportsMultipleResultSets();
    }

    @Override
    public boolean supportsMultipleTransactions() throws SQLException {
        return delegate.supportsMultipleTransactions();
    }

    @Override
    public boolean supportsNamedParameters() throws SQLException {
        return delegate.supportsNamedParameters();
    }

    @Override
    public boolean supportsNonNullableColumns() throws SQLException {
        return delegate.supportsNonNullableColumns();
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
        return delegate.supportsOpenCursorsAcrossCommit();
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
        return delegate.supportsOpenCursorsAcrossRollback();
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
        return delegate.supportsOpenStatementsAcrossCommit();
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
        return delegate.supportsOpenStatementsAcrossRollback();
    }

    @Override
    public boolean supportsOrderByUnrelated() throws SQLException {
        return delegate.supportsOrderByUnrelated();
    }

    @Override
    public boolean supportsOuterJoins() throws SQLException {
        return delegate.supportsOuterJoins();
    }

    @Override
    public boolean supportsPositionedDelete() throws SQLException {
        return delegate.supportsPositionedDelete();
    }

    @Override
    public boolean supportsPositionedUpdate() throws SQLException {
        return delegate.supportsPositionedUpdate();
    }

    @Override
    public boolean supportsRefCursors() throws SQLException {
        return delegate.supportsRefCursors();
    }

    @Override
    public boolean supportsResultSetConcurrency(int p0, int p1) throws SQLException {
        return delegate.supportsResultSetConcurrency(p0, p1);
    }

    @Override
    public boolean supportsResultSetHoldability(int p0) throws SQLException {
        return delegate.supportsResultSetHoldability(p0);
    }

    @Override
    public boolean supportsResultSetType(int p0) throws SQLException {
        return delegate.supportsResultSetType(p0);
    }

    @Override
    public boolean supportsSavepoints() throws SQLException {
        return delegate.supportsSavepoints();
    }

    @Override
    public boolean supportsSchemasInDataManipulation() throws SQLException {
        return delegate.supportsSchemasInDataManipulation();
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() throws SQLException {
        return delegate.supportsSchemasInIndexDefinitions();
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
        return delegate.supportsSchemasInPrivilegeDefinitions();
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() throws SQLException {
        return delegate.supportsSchemasInProcedureCalls();
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() throws SQLException {
        return delegate.supportsSchemasInTableDefinitions();
    }

    @Override
    public boolean supportsSelectForUpdate() throws SQLException {
        return delegate.supportsSelectForUpdate();
    }

    @Override
    public boolean supportsSharding() throws SQLException {
        return delegate.supportsSharding();
    }

    @Override
    public boolean supportsStatementPooling() throws SQLException {
        return delegate.supportsStatementPooling();
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
        return delegate.supportsStoredFunctionsUsingCallSyntax();
    }

    @Override
    public boolean supportsStoredProcedures() throws SQLException {
        return delegate.supportsStoredProcedures();
    }

    @Override
    public boolean supportsSubqueriesInComparisons() throws SQLException {
        return delegate.supportsSubqueriesInComparisons();
    }

    @Override
    public boolean supportsSubqueriesInExists() throws SQLException {
        return delegate.supportsSubqueriesInExists();
    }

    @Override
    public boolean supportsSubqueriesInIns() throws SQLException {
        return delegate.supportsSubqueriesInIns();
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() throws SQLException {
        return delegate.supportsSubqueriesInQuantifieds();
    }

    @Override
    public boolean supportsTableCorrelationNames() throws SQLException {
        return delegate.supportsTableCorrelationNames();
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int p0) throws SQLException {
        return delegate.supportsTransactionIsolationLevel(p0);
    }

    @Override
    public boolean supportsTransactions() throws SQLException {
        return delegate.supportsTransactions();
    }

    @Override
    public boolean supportsUnion() throws SQLException {
        return delegate.supportsUnion();
    }

    @Override
    public boolean supportsUnionAll() throws SQLException {
        return delegate.supportsUnionAll();
    }

    @Override
    public boolean updatesAreDetected(int p0) throws SQLException {
        return delegate.updatesAreDetected(p0);
    }

    @Override
    public boolean usesLocalFilePerTable() throws SQLException {
        return delegate.usesLocalFilePerTable();
    }

    @Override
    public boolean usesLocalFiles() throws SQLException {
        return delegate.usesLocalFiles();
    }
}
