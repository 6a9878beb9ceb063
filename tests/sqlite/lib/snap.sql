-- snap.sql: remember the whole main database (schema, registry, rows,
-- sqlite_sequence) so that same.sql can prove an error changed nothing.
.once _before.dump
.dump
