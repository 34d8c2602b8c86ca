/**
 * Run experiments over many seeds in Node and write their calibration records.
 *
 *   npm run calibrate -- <id> [<id> ...] [--seeds N]
 *   npm run calibrate -- --all [--seeds N]
 *
 * Each record (content/calibration/<id>.json) holds, per seed, exactly the metrics
 * `npm run experiment -- <id> --seed <seed> --json` prints, whether the claim held and each
 * check. Seeds start at 1001 (see lib/calibration/seeds.ts). Exit 0 written, 1 a run failed
 * (nothing written for that experiment), 2 bad command line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { experimentIds, loadExperiment } from '../lib/experiments/registry';
import { runToEnd } from '../lib/runtime/run-to-end';
import { loadTf } from '../lib/runtime/backend';
import { calibrationSeeds, DEFAULT_CALIBRATION_SEEDS } from '../lib/calibration/seeds';
import { claimRate } from '../lib/calibration/summary';
import type { CalibrationRecord, RecordedSeed } from '../lib/calibration/record';
import { recordFile } from '../lib/content/calibration-records';

const USAGE = `Usage: npm run calibrate -- <id> [<id> ...] | --all  [--seeds N]
Runs each experiment at its default settings over N seeds (default ${DEFAULT_CALIBRATION_SEEDS}, from 1001) and writes
content/calibration/<id>.json. Experiments: ${experimentIds.join(', ')}`;

function parse(argv: string[]): { ids: string[]; seeds: number } | string {
  const ids: string[] = [];
  let seeds = DEFAULT_CALIBRATION_SEEDS;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--all') ids.push(...experimentIds);
    else if (arg === '--seeds' || arg.startsWith('--seeds=')) {
      const raw = arg.includes('=') ? arg.slice(8) : argv[++i];
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > 1000) return `--seeds must be an integer from 1 to 1000, got "${raw}"`;
      seeds = n;
    } else if (arg === '--help' || arg === '-h') return '';
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (!experimentIds.includes(arg)) return `unknown experiment "${arg}"`;
    else ids.push(arg);
  }
  if (ids.length === 0) return 'name an experiment or --all';
  return { ids: [...new Set(ids)], seeds };
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}

async function calibrate(id: string, seeds: number[], position: string): Promise<CalibrationRecord> {
  const experiment = (await loadExperiment(id))!;
  const loaded = experiment.usesTf === false ? undefined : await loadTf();
  const recorded: RecordedSeed[] = [];
  let params: Record<string, string | number | boolean> = {};
  let backend = 'js';
  const started = performance.now();
  for (const [i, seed] of seeds.entries()) {
    const run = await runToEnd(experiment, { seed, loaded });
    params = run.params as typeof params;
    backend = run.backend;
    recorded.push({
      seed,
      metrics: run.result.metrics,
      holds: run.claim.holds,
      checks: (run.claim.checks ?? []).map((c) => ({ name: c.name, holds: c.holds, ...(c.kind ? { kind: c.kind } : {}) })),
    });
    const elapsed = (performance.now() - started) / 1000;
    const left = (elapsed / (i + 1)) * (seeds.length - i - 1);
    process.stderr.write(`${position} ${id}: seed ${seed} ${run.claim.holds ? 'held' : 'did NOT hold'} (${i + 1}/${seeds.length}, ${run.seconds.toFixed(1)} s; about ${clock(left)} left)\n`);
  }
  return { id, version: experiment.version, params, backend, seeds: recorded };
}

async function main(): Promise<number> {
  const parsed = parse(process.argv.slice(2));
  if (typeof parsed === 'string') {
    process.stderr.write(parsed ? `error: ${parsed}\n\n${USAGE}\n` : `${USAGE}\n`);
    return parsed ? 2 : 0;
  }
  const seeds = calibrationSeeds(parsed.seeds);
  const started = performance.now();
  let failed = 0;
  for (const [i, id] of parsed.ids.entries()) {
    try {
      const record = await calibrate(id, seeds, `[${i + 1}/${parsed.ids.length}]`);
      const file = recordFile(id);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify(record, null, 1)}\n`);
      const rate = claimRate(record);
      process.stdout.write(`${id}: the claim held on ${rate.held} of ${rate.total} seeds; wrote ${path.relative(process.cwd(), file)}\n`);
    } catch (err) {
      failed++;
      process.stderr.write(`error: ${id} failed, its record is unchanged: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  process.stdout.write(`calibrated ${parsed.ids.length - failed} of ${parsed.ids.length} experiments in ${clock((performance.now() - started) / 1000)}\n`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
