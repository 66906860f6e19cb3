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
WHEN CASE WHEN json_valid(NEW.metadata)
  THEN json_type(NEW.metadata, '$.actor') = 'text' AND json_type(NEW.metadata, '$.idempotencyKey') = 'text'
  ELSE 0 END
BEGIN
  INSERT OR IGNORE INTO event_keys (actor, key, stream, request_hash) VALUES (
    json_extract(NEW.metadata, '$.actor'),
    json_extract(NEW.metadata, '$.idempotencyKey'),
    NEW.stream,
    json_extract(NEW.metadata, '$.requestHash'));
END;
`;

/** The keys of a store written before the index existed, taken from its events' metadata. */
export const KEY_INDEX_BACKFILL = `
INSERT OR IGNORE INTO event_keys (actor, key, stream, request_hash)
SELECT json_extract(metadata, '$.actor'), json_extract(metadata, '$.idempotencyKey'), stream,
       json_extract(metadata, '$.requestHash')
FROM events
WHERE CASE WHEN json_valid(metadata)
  THEN json_type(metadata, '$.actor') = 'text' AND json_type(metadata, '$.idempotencyKey') = 'text'
  ELSE 0 END
ORDER BY position`;
