import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/config.js';

/**
 * Static checks of the deployment files: docker-compose.yml wires the app to KurrentDB
 * with settings the app's own configuration loader accepts, and the Dockerfile runs a
 * file the build produces. No Docker engine is needed.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

type Mapping = Readonly<Record<string, unknown>>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapping(value: unknown, what: string): Mapping {
  if (!isMapping(value)) throw new Error(`${what} is not a mapping`);
  return value;
}

function list(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`expected a list, got ${JSON.stringify(value)}`);
  return value;
}

/** `environment:` as a map or as a list of KEY=VALUE, with every value as the string the container sees. */
function environmentOf(service: Mapping): Record<string, string | undefined> {
  const raw = service.environment;
  const env: Record<string, string | undefined> = {};
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      const text = String(entry);
      const eq = text.indexOf('=');
      if (eq === -1) env[text] = undefined;
      else env[text.slice(0, eq)] = text.slice(eq + 1);
    }
  } else if (isMapping(raw)) {
    for (const [key, value] of Object.entries(raw)) {
      env[key] = value === null || value === undefined ? undefined : String(value);
    }
  }
  return env;
}

interface PortMapping {
  readonly published?: number;
  readonly target: number;
}

/** Short ("3000", "3000:3000", "127.0.0.1:3000:3000/tcp") and long port syntaxes. */
function portsOf(service: Mapping): PortMapping[] {
  return list(service.ports).map((entry) => {
    if (isMapping(entry)) {
      const published = entry.published === undefined ? undefined : Number(entry.published);
      return { published, target: Number(entry.target) };
    }
    const parts = String(entry)
      .replace(/\/(tcp|udp)$/, '')
      .split(':');
    const target = Number(parts[parts.length - 1]);
    const published = parts.length > 1 ? Number(parts[parts.length - 2]) : undefined;
    return { published, target };
  });
}

interface Mount {
  readonly source?: string;
  readonly target: string;
}

/** Short ("name:/path[:ro]") and long ({ source, target }) volume syntaxes. */
function mountsOf(service: Mapping): Mount[] {
  return list(service.volumes).map((entry) => {
    if (isMapping(entry)) {
      return {
        source: entry.source === undefined ? undefined : String(entry.source),
        target: String(entry.target),
      };
    }
    const parts = String(entry).split(':');
    return parts.length === 1 ? { target: parts[0] } : { source: parts[0], target: parts[1] };
  });
}

function dependsOn(service: Mapping): Record<string, string | undefined> {
  const raw = service.depends_on;
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((name) => [String(name), undefined]));
  if (!isMapping(raw)) return {};
  return Object.fromEntries(
    Object.entries(raw).map(([name, spec]) => [
      name,
      isMapping(spec) && spec.condition !== undefined ? String(spec.condition) : undefined,
    ]),
  );
}

/** The exec-form CMD of the Dockerfile's last stage, and that stage's WORKDIR. */
function dockerfileRuntime(text: string): { cmd: string[]; workdir: string; lines: string[] } {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const lastFrom = lines.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
  const stage = lines.slice(lastFrom);
  const cmdLine = stage.filter((l) => /^CMD\s/i.test(l)).pop();
  if (cmdLine === undefined) throw new Error('the runtime stage has no CMD');
  const cmd: unknown = JSON.parse(cmdLine.replace(/^CMD\s+/i, ''));
  if (!Array.isArray(cmd) || !cmd.every((part) => typeof part === 'string')) {
    throw new Error(`CMD is not in exec form: ${cmdLine}`);
  }
  const workdir = stage
    .filter((l) => /^WORKDIR\s/i.test(l))
    .pop()
    ?.replace(/^WORKDIR\s+/i, '');
  return { cmd, workdir: workdir ?? '/', lines: stage };
}

const compose = mapping(parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')), 'compose');
const services = mapping(compose.services, 'services');
const kurrentdb = mapping(services.kurrentdb, 'services.kurrentdb');
const app = mapping(services.app, 'services.app');
const kurrentEnv = environmentOf(kurrentdb);
const appEnv = environmentOf(app);
const namedVolumes = isMapping(compose.volumes) ? Object.keys(compose.volumes) : [];

describe('docker-compose.yml', () => {
  it('has a kurrentdb and an app service', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['kurrentdb', 'app']));
  });

  describe('kurrentdb', () => {
    it('runs the KurrentDB image from the Kurrent registry', () => {
      expect(String(kurrentdb.image)).toMatch(
        /^docker\.kurrent\.io\/[\w.-]+\/kurrentdb(:[\w.-]+)?$/,
      );
    });

    it('is an insecure single node without projections', () => {
      expect(kurrentEnv.KURRENTDB_INSECURE).toBe('true');
      expect(kurrentEnv.KURRENTDB_CLUSTER_SIZE).toBe('1');
      expect(kurrentEnv.KURRENTDB_RUN_PROJECTIONS).toBe('None');
      expect(kurrentEnv.KURRENTDB_START_STANDARD_PROJECTIONS).toBe('false');
    });

    it('listens on and publishes 2113', () => {
      expect(kurrentEnv.KURRENTDB_NODE_PORT ?? '2113').toBe('2113');
      expect(portsOf(kurrentdb)).toContainEqual({ published: 2113, target: 2113 });
    });

    it('keeps its data in a named volume', () => {
      const data = mountsOf(kurrentdb).find((m) => m.target === '/var/lib/kurrentdb');
      expect(data?.source).toBeDefined();
      expect(namedVolumes).toContain(data?.source);
    });

    it('has a health check on its liveness endpoint', () => {
      const healthcheck = mapping(kurrentdb.healthcheck, 'kurrentdb.healthcheck');
      expect(list(healthcheck.test).join(' ')).toMatch(/localhost:2113\/health\/live/);
    });
  });

  describe('app', () => {
    it('is built from the Dockerfile', () => {
      const build = app.build;
      expect(build).toBeDefined();
      const dockerfile = isMapping(build) ? String(build.dockerfile ?? 'Dockerfile') : 'Dockerfile';
      const context = isMapping(build) ? String(build.context ?? '.') : String(build);
      expect(existsSync(join(ROOT, context, dockerfile))).toBe(true);
    });

    it('points EVENTSTORE_URL at the kurrentdb service on 2113 without TLS', () => {
      const url = new URL(appEnv.EVENTSTORE_URL ?? '');
      expect(url.protocol).toBe('kurrentdb:');
      expect(url.hostname).toBe('kurrentdb');
      expect(Object.keys(services)).toContain(url.hostname);
      expect(url.port).toBe(kurrentEnv.KURRENTDB_NODE_PORT ?? '2113');
      expect(url.searchParams.get('tls')).toBe('false');
    });

    it('publishes the port it listens on', () => {
      const port = Number(appEnv.PORT);
      expect(portsOf(app).map((p) => p.target)).toContain(port);
    });

    it('keeps DATA_DIR on a named volume', () => {
      const mount = mountsOf(app).find((m) => m.target === appEnv.DATA_DIR);
      expect(mount?.source).toBeDefined();
      expect(namedVolumes).toContain(mount?.source);
    });

    it('starts once kurrentdb is healthy', () => {
      expect(dependsOn(app)).toEqual(expect.objectContaining({ kurrentdb: 'service_healthy' }));
      expect(kurrentdb.healthcheck).toBeDefined();
    });

    it("passes the app's own configuration loader and selects KurrentDB", () => {
      const config = loadConfig(appEnv);
      expect(config.store).toEqual({ kind: 'kurrentdb', connectionString: appEnv.EVENTSTORE_URL });
      expect(config.port).toBe(Number(appEnv.PORT));
      expect(config.dataDir).toBe(appEnv.DATA_DIR);
    });
  });
});

describe('Dockerfile', () => {
  const runtime = dockerfileRuntime(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));

  it('runs as the unprivileged node user and exposes the app port', () => {
    expect(runtime.lines).toContain('USER node');
    expect(runtime.lines).toContain(`EXPOSE ${appEnv.PORT}`);
  });

  it('runs a file that tsconfig.build.json emits from a source file', () => {
    const [command, script] = runtime.cmd;
    expect(command).toBe('node');
    const configFile = join(ROOT, 'tsconfig.build.json');
    const parsed = ts.getParsedCommandLineOfConfigFile(configFile, undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    });
    if (parsed === undefined) throw new Error('tsconfig.build.json did not parse');
    const { outDir, rootDir } = parsed.options;
    if (outDir === undefined || rootDir === undefined) throw new Error('outDir/rootDir unset');
    // The script path is relative to the image's WORKDIR, where the repository's root is copied.
    const emitted = resolve(ROOT, script);
    const source = resolve(rootDir, relative(outDir, emitted)).replace(/\.js$/, '.ts');
    expect(relative(ROOT, source)).toBe(join('src', 'main.ts'));
    expect(existsSync(source)).toBe(true);
    expect(parsed.fileNames.map((f) => resolve(f))).toContain(source);
    expect(runtime.workdir).toBe('/app');
    expect(runtime.lines.some((l) => /^COPY\s.*\/app\/dist\s+\.\/dist$/.test(l))).toBe(true);
  });
});
