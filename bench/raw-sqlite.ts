import Database from 'better-sqlite3';
import { SCHEMA } from '../src/event-store/sqlite/sqlite-schema.js';
import type { BenchRow } from './bench-events.js';

export type Synchronous = 'FULL' | 'NORMAL';

const INSERT =
  'INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)';

/**
 * The baseline writer: a fresh WAL database with the store's own schema and one
 * plain INSERT per row, one transaction per group of rows (a group of one is a bare
 * autocommit INSERT). It serializes data and metadata as the store does, and checks
 * nothing. Returns the elapsed milliseconds.
 */
export function rawInsertLoop(
  file: string,
  synchronous: Synchronous,
  groups: BenchRow[][],
): number {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.exec(SCHEMA);
    const insert = db.prepare<[string, number, string, string, string, string, string]>(INSERT);
    const insertGroup = db.transaction((group: readonly BenchRow[], recordedAt: string) => {
      for (const row of group) insertRow(row, recordedAt);
    });
    const insertRow = (row: BenchRow, recordedAt: string): void => {
      insert.run(
        row.stream,
        row.revision,
        row.event.id,
        row.event.type,
        JSON.stringify(row.event.data),
        JSON.stringify(row.event.metadata),
        recordedAt,
      );
    };
    const started = performance.now();
    for (const group of groups) {
      const recordedAt = new Date().toISOString();
      if (group.length === 1) insertRow(group[0], recordedAt);
      else insertGroup(group, recordedAt);
    }
    return performance.now() - started;
  } finally {
    db.close();
  }
}

interface RawRow {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/**
 * The baseline reader: one `.iterate()` over the whole log in position order,
 * parsing data and metadata of every row. Returns the rows seen, elapsed
 * milliseconds and a checksum that keeps the parse from being optimized away.
 */
export function rawIterateAndParse(file: string): { count: number; ms: number; checksum: number } {
  const db = new Database(file, { readonly: true });
  try {
    const statement = db.prepare<[], RawRow>(
      'SELECT position, stream, revision, id, type, data, metadata, recorded_at FROM events ORDER BY position ASC',
    );
    let count = 0;
    let checksum = 0;
    const started = performance.now();
    for (const row of statement.iterate()) {
      const data = JSON.parse(row.data) as { step?: number };
      const metadata = JSON.parse(row.metadata) as { schemaVersion?: number };
      checksum += (data.step ?? 0) + (metadata.schemaVersion ?? 0);
      count += 1;
    }
    return { count, ms: performance.now() - started, checksum };
  } finally {
    db.close();
  }
}
