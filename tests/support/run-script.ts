import { spawn } from 'node:child_process';

/** What a module script run by Node in its own process (the compiled engine) writes on stdout; fails on a non-zero exit. */
export function runScript(script: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${code}`))));
  });
}
