import type Database from 'better-sqlite3';

/** Rows per statement: 50 rows of a few columns stay far below SQLite's variable limit. */
const ROWS_PER_STATEMENT = 50;

/**
 * One statement for many rows (`INSERT … VALUES (…), (…)`, `UPDATE … FROM (VALUES …)`):
 * running a statement through better-sqlite3 costs more than the row it writes, so a batch's
 * rows go in ROWS_PER_STATEMENT at a time. Statements are prepared once per row count.
 */
export class MultiRowStatement<Row extends readonly unknown[]> {
  private readonly prepared = new Map<number, Database.Statement<unknown[]>>();

  constructor(
    private readonly db: Database.Database,
    /** The SQL for `rows` rows, given their `(?, ?, …), (?, ?, …)` list. */
    private readonly sql: (values: string) => string,
    private readonly columns: number,
  ) {}

  run(rows: readonly Row[]): void {
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const slice = rows.slice(start, start + ROWS_PER_STATEMENT);
      this.statement(slice.length).run(slice.flat());
    }
  }

  private statement(rows: number): Database.Statement<unknown[]> {
    let statement = this.prepared.get(rows);
    if (!statement) {
      const row = `(${Array.from({ length: this.columns }, () => '?').join(', ')})`;
      statement = this.db.prepare(this.sql(Array.from({ length: rows }, () => row).join(', ')));
      this.prepared.set(rows, statement);
    }
    return statement;
  }
}
