/**
 * The catalogue queries the database check runs, limited to the schemas on the learner's search
 * path (usually `public`) and capped, so a database with thousands of tables still answers fast.
 */

const ON_SEARCH_PATH = 'n.nspname = ANY (current_schemas(false))';
const MAX_CATALOGUE_ROWS = 5000;

/** Columns of every ordinary and partitioned table, with the table's primary key. */
export const COLUMNS = `
SELECT c.relname AS table, a.attname AS column, NOT a.attnotnull AS nullable, format_type(a.atttypid, a.atttypmod) AS type,
       COALESCE(a.attnum = ANY (pk.conkey), false) AS primary, array_position(pk.conkey, a.attnum) AS key_position
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_constraint pk ON pk.conrelid = c.oid AND pk.contype = 'p'
WHERE c.relkind IN ('r', 'p') AND ${ON_SEARCH_PATH}
ORDER BY c.relname, a.attnum
LIMIT ${MAX_CATALOGUE_ROWS}`;

const columnNames = (rel: string, keys: string) =>
  `ARRAY(SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY k(num, pos) JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.num ORDER BY k.pos)`;

export const FOREIGN_KEYS = `
SELECT c.relname AS table, r.relname AS references,
       ${columnNames('con.conrelid', 'con.conkey')} AS columns, ${columnNames('con.confrelid', 'con.confkey')} AS referenced
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_class r ON r.oid = con.confrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype = 'f' AND ${ON_SEARCH_PATH}
LIMIT ${MAX_CATALOGUE_ROWS}`;

export const INDEXES = `
SELECT t.relname AS table, i.relname AS name, ${columnNames('ix.indrelid', 'ix.indkey::int2[]')} AS columns
FROM pg_index ix
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE ${ON_SEARCH_PATH}
LIMIT ${MAX_CATALOGUE_ROWS}`;
