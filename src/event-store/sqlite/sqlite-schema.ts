/**
 * One table is the whole log: the integer primary key is the global position, so
 * commit order and position order are the same thing.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  stream      TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  id          TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream, revision)
);
CREATE UNIQUE INDEX IF NOT EXISTS events_by_id ON events (id);
`;

/** Whether an event's metadata (JSON text, perhaps damaged) names a caller and a key. */
const hasKey = (metadata: string) => `CASE WHEN json_valid(${metadata})
  THEN json_type(${metadata}, '$.actor') = 'text' AND json_type(${metadata}, '$.idempotencyKey') = 'text'
  ELSE 0 END`;

/** The index's columns as read from an event's metadata and stream. */
const keyOf = (metadata: string, stream: string) => `json_extract(${metadata}, '$.actor'),
  json_extract(${metadata}, '$.idempotencyKey'), ${stream}, json_extract(${metadata}, '$.requestHash')`;

/**
 * Each caller's Idempotency-Key with the stream its events went to, kept by a trigger in the
 * transaction of the append: a key is found wherever a retry or a reuse names it, after a
 * kill, a power cut or a restore alike. The first stream a key recorded in stays.
 */
export const KEY_INDEX_SCHEMA = `
CREATE TABLE IF NOT EXISTS event_keys (
  actor        TEXT NOT NULL,
  key          TEXT NOT NULL,
  stream       TEXT NOT NULL,
  request_hash TEXT,
  PRIMARY KEY (actor, key)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS event_keys_on_append AFTER INSERT ON events
WHEN ${hasKey('NEW.metadata')}
BEGIN
  INSERT OR IGNORE INTO event_keys (actor, key, stream, request_hash)
  VALUES (${keyOf('NEW.metadata', 'NEW.stream')});
END;
`;

/** The keys of a store written before the index existed, taken from its events' metadata. */
export const KEY_INDEX_BACKFILL = `
INSERT OR IGNORE INTO event_keys (actor, key, stream, request_hash)
SELECT ${keyOf('metadata', 'stream')} FROM events WHERE ${hasKey('metadata')} ORDER BY position`;
