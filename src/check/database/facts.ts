/** What the database check reads from the learner's database: plain data, judged elsewhere. */

export interface ColumnFacts {
  name: string;
  nullable: boolean;
  type: string;
}

export interface TableFacts {
  name: string;
  columns: ColumnFacts[];
  /** The primary key's columns, in order; empty when the table has none. */
  primaryKey: string[];
}

export interface ForeignKeyFacts {
  table: string;
  columns: string[];
  references: string;
  referencedColumns: string[];
}

export interface IndexFacts {
  table: string;
  name: string;
  /** The indexed columns in order (expression parts left out). */
  columns: string[];
}

export interface SchemaFacts {
  tables: TableFacts[];
  foreignKeys: ForeignKeyFacts[];
  indexes: IndexFacts[];
}

/** What the check created through the learner's API, to look for in the database. */
export interface DatabaseProbe {
  todo?: { id: string; title: string };
  user?: { login: string; password: string };
}

export interface DatabaseFacts {
  /** The database's address without its password, for messages. */
  address: string;
  schema: SchemaFacts;
  /** The todos row with the probe todo's id (as text), and the ids of rows holding its title. */
  todo?: { row: Record<string, unknown> | null; idsWithTitle: string[] };
  /** The users row whose login column holds the probe user's e-mail, every column as JSON. */
  user?: { row: Record<string, unknown> | null };
}
