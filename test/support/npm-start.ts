/**
 * `npm start` as a user runs it, for the tests of the local runtime: the
 * program as a child process (node with tsx's loader: the same program in one
 * process, so a signal or SIGKILL reaches the process that owns Java, no tsx
 * wrapper in between), with PORT=0, QUIET=1 and its own data folder.
 * Resolves once the banner is printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { PROJECT_ROOT } from '../../infra/project.js';

export interface Started {
  child: ChildProcess;
  api: string;
  javaPid: number;
  output: () => string;
}

export function npmStart(dataDir: string, env: Readonly<Record<string, string>> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', QUIET: '1', INTROFLYT_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  return new Promise((resolve, reject) => {
    // Synthesis, Java, the seed and tsx's first compile: generous for a busy 2-core CI machine.
    const timer = setTimeout(() => reject(new Error(`npm start did not print its banner in 150 s:\n${out}`)), 150_000);
    const poll = setInterval(() => {
      const api = /API\s+(http:\/\/\S+)/.exec(out);
      const pid = /Java pid (\d+)/.exec(out);
      if (api && pid && out.includes('Ctrl-C stops everything')) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ child, api: api[1]!, javaPid: Number(pid[1]), output: () => out });
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`npm start exited early (${code}):\n${out}`));
    });
  });
}
