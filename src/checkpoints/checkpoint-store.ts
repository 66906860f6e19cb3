import Database from 'better-sqlite3';
import { isPosition, type Position } from '../event-store/position.js';

/**
 * Where each subscriber of this node (a process manager) has got to in $all, kept in
 * DATA_DIR/checkpoints.sqlite so a restart resumes rather than replays.
 */
export class CheckpointStore {
  private readonly db: Database.Database;
  private readonly loadStatement: Database.Statement<[string], { position: string }>;
  private readonly saveStatement: Database.Statement<[string, string, string]>;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position TEXT NOT NULL, saved_at TEXT NOT NULL)',
    );
    this.loadStatement = this.db.prepare('SELECT position FROM checkpoints WHERE name = ?');
    this.saveStatement = this.db.prepare(
      'INSERT INTO checkpoints (name, position, saved_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position, saved_at = excluded.saved_at',
    );
  }

  load(name: string): Position | undefined {
    const position = this.loadStatement.get(name)?.position;
    return position !== undefined && isPosition(position) ? position : undefined;
  }

  save(name: string, position: Position): void {
    this.saveStatement.run(name, position, new Date().toISOString());
  }

  close(): void {
    this.db.close();
  }
}
