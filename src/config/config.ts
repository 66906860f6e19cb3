import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import {
  checkedTokenEntries,
  InvalidTokenEntriesError,
  type TokenEntry,
} from '../auth/token-entry.js';
import { isKnownTimeZone } from '../command-handling/calendar.js';
import {
  flatKey,
  isKnownKurrentDbOption,
  KURRENTDB_EXACT_OPTIONS,
  KURRENTDB_OPTIONS,
  KURRENTDB_SCHEME,
  KURRENTDB_SCHEMES,
} from '../event-store/kurrentdb/kurrentdb-connection-scheme.js';

export type Durability = 'full' | 'relaxed';

export type StoreConfig =
  | {
      readonly kind: 'sqlite';
      readonly file: string;
      readonly durability: Durability;
      /** Only read the file (the audit tools that do not write): see SqliteEventStoreOptions. */
      readonly readOnly?: boolean;
    }
  | { readonly kind: 'kurrentdb'; readonly connectionString: string };

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly store: StoreConfig;
  /** The configured tokens, or undefined: then one per role is generated under DATA_DIR. */
  readonly authTokens: readonly TokenEntry[] | undefined;
  /** The ministry's time zone (TIME_ZONE, default UTC): what "today" is for every date rule. */
  readonly timeZone: string;
  /** Operations: logging, CORS, rate limits, request limits, readiness and shutdown. */
  readonly operations: OperationsConfig;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface OperationsConfig {
  /** pino's level for the JSON logs on stdout (LOG_LEVEL, default info). */
  readonly logLevel: LogLevel;
  /** Origins allowed to call the API from a browser (CORS_ORIGINS); empty: CORS closed. */
  readonly corsOrigins: readonly string[];
  /** Requests one token may make per window (RATE_LIMIT_REQUESTS; 0 turns the limit off). */
  readonly rateLimitRequests: number;
  /** The rate limit's window (RATE_LIMIT_WINDOW_SECONDS). */
  readonly rateLimitWindowSeconds: number;
  /** Live feeds (SSE) one token may hold open at once (LIVE_MAX_FEEDS_PER_TOKEN). */
  readonly liveMaxFeedsPerToken: number;
  /** Seconds a live feed's client may leave what was written unread before it is dropped (LIVE_STALL_SECONDS). */
  readonly liveStallSeconds: number;
  /** /health/ready fails when a projection lags by more events than this (READY_MAX_LAG_EVENTS). */
  readonly readyMaxLagEvents: number;
  /** ... or its oldest unapplied event is older than this (READY_MAX_LAG_SECONDS). */
  readonly readyMaxLagSeconds: number;
  /** How long a SIGTERM may take to drain before the process gives up (SHUTDOWN_TIMEOUT_SECONDS). */
  readonly shutdownTimeoutSeconds: number;
  /** How long a client may take to send a whole request, head and body (REQUEST_TIMEOUT_SECONDS). */
  readonly requestTimeoutSeconds: number;
}

/** A bad environment value: the message names the variable and says what it accepts. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates the whole configuration before anything starts or touches the
 * disk. Pure: it never creates DATA_DIR; the caller does once the config is valid.
 */
export function loadConfig(env: Env): AppConfig {
  const dataDir = readDataDir(env);
  return {
    port: readPort(env),
    host: readHost(env),
    dataDir,
    store: readStore(env, dataDir),
    authTokens: readAuthTokens(env),
    timeZone: readTimeZone(env),
    operations: readOperations(env),
  };
}

/** TIME_ZONE, checked: also read alone by the audit CLI's replay. */
export function readTimeZone(env: Env): string {
  const raw = env.TIME_ZONE;
  if (raw === undefined || raw.trim() === '') return 'UTC';
  const timeZone = raw.trim();
  if (!isKnownTimeZone(timeZone)) {
    throw new ConfigError(
      'TIME_ZONE',
      `must be an IANA time zone such as Asia/Seoul, America/Havana or UTC (got ${quote(raw)})`,
    );
  }
  return timeZone;
}

function readOperations(env: Env): OperationsConfig {
  return {
    logLevel: readLogLevel(env),
    corsOrigins: readCorsOrigins(env),
    rateLimitRequests: readWhole(env, 'RATE_LIMIT_REQUESTS', 1200, 0, 1_000_000),
    rateLimitWindowSeconds: readWhole(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
    liveMaxFeedsPerToken: readWhole(env, 'LIVE_MAX_FEEDS_PER_TOKEN', 10, 1, 10_000),
    liveStallSeconds: readWhole(env, 'LIVE_STALL_SECONDS', 30, 1, 3600),
    readyMaxLagEvents: readWhole(env, 'READY_MAX_LAG_EVENTS', 1000, 0, 1_000_000_000),
    readyMaxLagSeconds: readWhole(env, 'READY_MAX_LAG_SECONDS', 30, 1, 86_400),
    shutdownTimeoutSeconds: readWhole(env, 'SHUTDOWN_TIMEOUT_SECONDS', 20, 1, 3600),
    requestTimeoutSeconds: readWhole(env, 'REQUEST_TIMEOUT_SECONDS', 30, 1, 3600),
  };
}

function readWhole(env: Env, variable: string, fallback: number, min: number, max: number): number {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d{1,10}$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(
      variable,
      `must be a whole number from ${min} to ${max} (got ${quote(raw)})`,
    );
  }
  return Number(raw);
}

function readLogLevel(env: Env): LogLevel {
  const raw = env.LOG_LEVEL;
  if (raw === undefined || raw === '') return 'info';
  const level = raw.trim().toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')} (got ${quote(raw)})`);
}

/** Exact origins (scheme://host[:port]), comma-separated; `*` is refused: name the dashboards. */
function readCorsOrigins(env: Env): readonly string[] {
  const raw = env.CORS_ORIGINS;
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((entry, i) => {
    const origin = entry.trim();
    if (
      !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin) &&
      !/^https?:\/\/\[[0-9a-fA-F:.]+\](:\d{1,5})?$/.test(origin)
    ) {
      throw new ConfigError(
        'CORS_ORIGINS',
        `entry ${i + 1} must be an origin such as https://dashboard.example.org (got ${quote(origin)})`,
      );
    }
    return origin.toLowerCase();
  });
}

function readPort(env: Env): number {
  const raw = env.PORT;
  if (raw === undefined || raw === '') return 3000;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    throw new ConfigError('PORT', `must be a whole number from 1 to 65535 (got ${quote(raw)})`);
  }
  return Number(raw);
}

/**
 * An IPv4 or IPv6 address (no brackets), or an RFC 1123 host name: dot-separated labels of
 * letters, digits and hyphens, none starting or ending with a hyphen, each at most 63
 * characters, 253 in all. Digits and dots only must be a valid IPv4 address.
 */
function readHost(env: Env): string {
  const raw = env.HOST;
  if (raw === undefined || raw === '') return '0.0.0.0';
  if (isIP(raw) !== 0) return raw;
  const hostName =
    raw.length <= 253 &&
    !/^[\d.]+$/.test(raw) &&
    raw.split('.').every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
  if (!hostName) {
    throw new ConfigError(
      'HOST',
      `must be an IPv4 address, an IPv6 address without brackets (::1) or a host name (got ${quote(raw)})`,
    );
  }
  return raw;
}

function readDataDir(env: Env): string {
  const raw = env.DATA_DIR;
  if (raw === undefined || raw === '') return resolve('data');
  if (raw.includes('\0')) throw new ConfigError('DATA_DIR', 'must be a directory path');
  return isAbsolute(raw) ? raw : resolve(raw);
}

function readStore(env: Env, dataDir: string): StoreConfig {
  const url = env.EVENTSTORE_URL;
  if (url === undefined || url === '') {
    return {
      kind: 'sqlite',
      file: resolve(dataDir, 'events.sqlite'),
      durability: readDurability(env),
    };
  }
  if (env.DURABILITY !== undefined && env.DURABILITY !== '') {
    throw new ConfigError(
      'DURABILITY',
      "applies to the embedded store only; KurrentDB's durability is the server's: unset DURABILITY or EVENTSTORE_URL",
    );
  }
  return { kind: 'kurrentdb', connectionString: checkedConnectionString(url, 'EVENTSTORE_URL') };
}

/**
 * scheme://[user:password@]host[:port][,host[:port]...][/][?key=value[&key=value...]],
 * with only the option keys the client reads: it ignores any other after a warning on
 * stderr (`?tsl=false` would leave TLS on). `variable` names where it came from in a refusal
 * (EVENTSTORE_URL, or a CLI's `--store`).
 */
export function checkedConnectionString(url: string, variable: string): string {
  const refuse = (reason: string): never => {
    throw new ConfigError(variable, reason);
  };
  const rest = KURRENTDB_SCHEME.test(url) ? url.replace(KURRENTDB_SCHEME, '') : undefined;
  // The client's own reading: user:password@, the password up to the last @ (a / allowed).
  const parts =
    rest === undefined ? null : /^([^:@\s/]+:[^@\s]+@)?([^/?\s@]*)\/?(?:\?(\S*))?$/.exec(rest);
  if (!parts && rest !== undefined && /^[^:@\s/]+@/.test(rest)) {
    return refuse(
      `names a user without a password: write user:password@ (with @ and : in them percent-encoded) (got ${quoteUrl(url)})`,
    );
  }
  if (!parts) {
    return refuse(
      `must be a KurrentDB connection string (${KURRENTDB_SCHEMES}), or unset for the embedded store (got ${quoteUrl(url)})`,
    );
  }
  const [, , hostList, query] = parts;
  for (const [i, host] of hostList.split(',').entries()) {
    const [, address, port] = /^(.*?)(?::(\d+))?$/.exec(host) ?? [];
    if (!address) {
      refuse(
        `names no host${hostList.includes(',') ? ` in place ${i + 1} of its host list` : ''}: write one as in kurrentdb://localhost:2113 (got ${quoteUrl(url)})`,
      );
    }
    if (!/^[A-Za-z0-9.[\]:-]+$/.test(address)) {
      refuse(`host ${i + 1} must be a host name or IP address (got ${quoteUrl(url)})`);
    }
    if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535)) {
      refuse(`host ${i + 1} has port ${port}: a port is from 1 to 65535`);
    }
  }
  for (const setting of query ? query.split('&') : []) {
    const eq = setting.indexOf('=');
    if (eq < 1 || eq === setting.length - 1) {
      refuse(`settings must be key=value pairs joined by & (got ${quoteUrl(url)})`);
    }
    const key = setting.slice(0, eq);
    if (!isKnownKurrentDbOption(key)) {
      refuse(
        `unknown option ${quote(key)}, which the client would ignore; it knows ${[...KURRENTDB_OPTIONS, ...KURRENTDB_EXACT_OPTIONS].join(', ')}`,
      );
    }
    if (flatKey(key) === 'throwonappendfailure' && setting.slice(eq + 1).trim() === 'false') {
      // The adapter reads a refused append from the error the client throws; without it the
      // client reports no revision it could tell a caller.
      refuse(
        'must not set throwOnAppendFailure=false: the service needs refused appends as errors',
      );
    }
  }
  return url;
}

/** A connection string for a message, without its password. */
function quoteUrl(url: string): string {
  return quote(withoutCredentials(url));
}

/** A connection string with everything before its last `@` (user and password) masked. */
export function withoutCredentials(url: string): string {
  const at = url.lastIndexOf('@');
  if (at < 0) return url;
  const scheme = /^[^:/@]+:\/\//.exec(url)?.[0] ?? '';
  return `${scheme}…${url.slice(at)}`;
}

function readDurability(env: Env): Durability {
  const raw = env.DURABILITY;
  if (raw === undefined || raw === '' || raw === 'full') return 'full';
  if (raw === 'relaxed') return 'relaxed';
  throw new ConfigError('DURABILITY', `must be "full" or "relaxed" (got ${quote(raw)})`);
}

/**
 * `name:role:token,...`. An entry is split on its first two colons: names and roles hold
 * none, a token may. A token cannot hold a comma (it separates entries) or whitespace.
 * No message repeats a value: a token written in the wrong field must not reach a log.
 */
function readAuthTokens(env: Env): readonly TokenEntry[] | undefined {
  const raw = env.AUTH_TOKENS;
  if (raw === undefined || raw.trim() === '') return undefined;
  const entries = raw.split(',').map((entry, i) => {
    const text = entry.trim();
    const first = text.indexOf(':');
    const second = first === -1 ? -1 : text.indexOf(':', first + 1);
    if (second === -1) {
      throw new ConfigError('AUTH_TOKENS', `entry ${i + 1} must be name:role:token`);
    }
    return {
      name: text.slice(0, first),
      role: text.slice(first + 1, second),
      token: text.slice(second + 1),
    };
  });
  try {
    return checkedTokenEntries(entries, (i) => `entry ${i + 1}`);
  } catch (error) {
    if (error instanceof InvalidTokenEntriesError) {
      throw new ConfigError('AUTH_TOKENS', error.message);
    }
    throw error;
  }
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
