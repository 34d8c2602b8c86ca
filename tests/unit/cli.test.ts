/** The experiment CLI, spawned as a user would run it (node --import tsx scripts/experiment.ts). */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { experimentIds } from '@/lib/experiments/registry';

const root = fileURLToPath(new URL('../../', import.meta.url));

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/experiment.ts', ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run experiment', () => {
  it('--json prints exactly one object with the documented shape', async () => {
    const { code, stdout, stderr } = await cli(['ntk', '--json', '--seed', '4', '--set', 'maxWidth=1024', '--set', 'steps=300']);
    expect(code, stderr).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]);
    expect(Object.keys(out).sort()).toEqual(['backend', 'claim', 'id', 'metrics', 'params', 'seconds', 'seed']);
    expect(out.id).toBe('ntk');
    expect(out.seed).toBe(4);
    expect(out.params).toEqual({ maxWidth: '1024', steps: 300, learningRate: 1 });
    expect(Object.keys(out.claim).sort()).toEqual(['holds', 'numbers', 'summary']);
    expect(typeof out.claim.holds).toBe('boolean');
    expect(out.claim.summary).toMatch(/width-1024/);
    expect(out.metrics.kernel_change_w1024).toBeGreaterThan(0);
    expect(out.backend).toBe('js'); // ntk is plain TypeScript: no TF.js backend is loaded
    expect(out.seconds).toBeGreaterThan(0);
    // Progress went to stderr, not stdout.
    expect(stderr).toContain('ntk:');
  }, 120_000);

  it('prints metrics and the claim with its checks for people', async () => {
    const { code, stdout } = await cli(['ntk', '--quiet', '--backend', 'cpu', '--set', 'maxWidth=1024', '--set', 'steps=200']);
    expect(code).toBe(0);
    expect(stdout).toContain('seed 1 · backend js');
    expect(stdout).toMatch(/kernel_change_w1024\s+\d/);
    expect(stdout).toMatch(/claim: (HOLDS|DOES NOT HOLD)/);
    expect(stdout).toMatch(/(pass|FAIL) {2}kernel change falls with width/);
  }, 120_000);

  it('exits 2 on an unknown id and lists the ids', async () => {
    const { code, stderr, stdout } = await cli(['no-such-demo']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown experiment "no-such-demo"');
    for (const id of experimentIds) expect(stderr).toContain(id);
  }, 60_000);

  it('exits 2 on an out-of-range value and names the range', async () => {
    const { code, stderr } = await cli(['ntk', '--set', 'steps=5']);
    expect(code).toBe(2);
    expect(stderr).toContain('Gradient steps (steps): 5 is out of range 200–10000');
    expect(stderr).not.toContain('using');
  }, 60_000);

  it('exits 2 on an unknown key, a malformed value, a bad enum or a bad seed', async () => {
    // Independent processes: run them side by side.
    const [unknown, malformed, badEnum, badSeed, badFlag] = await Promise.all([
      cli(['ntk', '--set', 'width=3']),
      cli(['ntk', '--set', 'learningRate=fast']),
      cli(['ntk', '--set', 'maxWidth=2000']),
      cli(['ntk', '--seed', 'abc']),
      cli(['ntk', '--sett', 'a=b']),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown parameter "width"');
    expect(unknown.stderr).toContain('maxWidth');

    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('"fast" is not a number');

    expect(badEnum.code).toBe(2);
    expect(badEnum.stderr).toContain('one of 1024, 4096, 16384');

    expect(badSeed.code).toBe(2);
    expect(badSeed.stderr).toContain('the seed must be an integer');

    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('unknown option --sett');
  }, 60_000);

  it('exits 2 on keys every object has (constructor, toString, __proto__) as unknown parameters', async () => {
    const runs = await Promise.all(['constructor', 'toString', '__proto__'].map((key) => cli(['ntk', '--set', `${key}=1`])));
    for (const [i, key] of ['constructor', 'toString', '__proto__'].entries()) {
      expect(runs[i].code, key).toBe(2);
      expect(runs[i].stderr, key).toContain(`unknown parameter "${key}"`);
      expect(runs[i].stdout, key).toBe('');
    }
  }, 60_000);

  it('stops quietly when the reader of its output goes away (| head, | true)', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/experiment.ts', 'ntk', '--json', '--quiet', '--set', 'maxWidth=1024', '--set', 'steps=200'], { cwd: root });
      child.stdout.destroy(); // the pipe's reader is gone before anything is written
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(result.code).toBe(0);
  }, 60_000);

  it('--help lists experiments, and <id> --help lists its parameters', async () => {
    const [general, specific] = await Promise.all([cli(['--help']), cli(['ntk', '--help'])]);
    expect(general.code).toBe(0);
    expect(general.stdout).toContain('Usage: npm run experiment');
    expect(general.stdout).toContain('ntk');
    expect(specific.code).toBe(0);
    expect(specific.stdout).toMatch(/steps\s+integer 200–10000 \(default 2000\)/);
  }, 60_000);
});
