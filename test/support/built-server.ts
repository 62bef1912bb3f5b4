import { ChildProcess, execSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestApp } from './test-app';

export const ROOT = resolve(__dirname, '..', '..');
export const MAIN = join(ROOT, 'dist', 'src', 'main.js');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Tests that start the application as a process run it from the build, as production does: rebuild when stale. */
export function ensureServerBuilt(): void {
  const built = existsSync(MAIN) ? statSync(MAIN).mtimeMs : 0;
  if (built < Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'migrations')))) {
    try {
      execSync('npx tsc -p tsconfig.build.json', { cwd: ROOT, stdio: 'pipe' });
    } catch (e) {
      // tsc still emits when a file has a type error (the type-check step reports it); only no output is fatal.
      if (!existsSync(MAIN)) throw e;
    }
  }
}

export type ServerProcess = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * Starts `node dist/src/main.js` in its own process group (so what it starts, PostgreSQL or Chromium, can be
 * found and is never left behind), with only the given environment.
 */
export function startServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_FORMAT: 'json', ...env },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  // 'close' comes after the output has been read to its end ('exit' may come before the last lines).
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('close', (code, signal) => done({ code, signal })),
  );
  return { child, output: () => out, exited };
}

/** The environment of a worker process serving a test app's queues and database (the test app runs no worker). */
export function workerEnv(t: TestApp, logLevel = 'warn'): Record<string, string> {
  return {
    DATABASE_URL: t.databaseUrl,
    REDIS_URL: t.config.redisUrl ?? '',
    QUEUE_PREFIX: t.config.queuePrefix,
    PROCESS_ROLE: 'worker',
    LOG_LEVEL: logLevel,
    CHROMIUM_PATH: t.config.chromiumPath,
    SEED_DEMO: 'false',
  };
}

/** Sends a signal to the server's whole process group; a group already gone is fine. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Whether any process of that group is still alive (signal 0 only checks). */
export function groupAlive(child: ChildProcess): boolean {
  try {
    if (child.pid) process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Lines the server logged at error level or above (pino's JSON levels: 50 error, 60 fatal). */
export function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => {
    if (!line.startsWith('{')) return /error|terminating connection/i.test(line);
    try {
      return (JSON.parse(line) as { level?: number }).level! >= 50;
    } catch {
      return false;
    }
  });
}

/**
 * The fields of /proc/<pid>/stat after the command name (state, parent, process group, …). The name may hold
 * spaces and parentheses, hence the cut at the last ')'. Linux /proc; throws when the process is gone.
 */
export function statFields(pid: number | string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Every process started by `pid`, however deep (Chromium runs in a process group of its own). Linux /proc. */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parentOf.set(Number(entry), Number(statFields(entry)[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parentOf) {
      if (parent !== p) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

/** Whether a process is still running (a zombie awaiting its parent counts as ended). */
export function alive(pid: number): boolean {
  try {
    return statFields(pid)[0] !== 'Z';
  } catch {
    return false;
  }
}
