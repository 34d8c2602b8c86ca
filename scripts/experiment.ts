/**
 * Run one experiment in Node and print its metrics and the paper's claim.
 *
 *   npm run experiment -- <id> [--seed N] [--set key=value ...] [--backend wasm|cpu] [--json] [--quiet]
 *   npm run experiment -- --help            (lists experiments)
 *   npm run experiment -- <id> --help       (lists the experiment's parameters)
 *
 * Exit codes: 0 the run finished (whether or not the claim held), 1 the run failed,
 * 2 the command line was wrong (unknown id, key or option; malformed or out-of-range value).
 * Progress goes to stderr; with --json stdout holds exactly one JSON object.
 */
import { experimentIds, loadExperiment, type AnyExperiment } from '../lib/experiments/registry';
import { parseParams, parseSeed, SEED_MAX, SEED_MIN, type ParamSpec } from '../lib/core/params';
import type { Progress } from '../lib/core/contract';
import { runToEnd } from '../lib/runtime/run-to-end';
import type { BackendName } from '../lib/runtime/backend';

class UsageError extends Error {}

interface CliArgs {
  id?: string;
  seed?: string;
  sets: Record<string, string>;
  json: boolean;
  quiet: boolean;
  help: boolean;
  backend?: BackendName;
}

const BACKENDS: BackendName[] = ['wasm', 'cpu'];

function parseArgs(argv: string[]): CliArgs {
  // No prototype: `--set __proto__=1` must arrive as a key (and be refused), not vanish into it.
  const args: CliArgs = { sets: Object.create(null) as Record<string, string>, json: false, quiet: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value.`);
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--json':
        args.json = true;
        break;
      case '--quiet':
      case '-q':
        args.quiet = true;
        break;
      case '--seed':
        args.seed = value();
        break;
      case '--backend': {
        const b = value();
        if (!BACKENDS.includes(b as BackendName)) throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}, not "${b}".`);
        args.backend = b as BackendName;
        break;
      }
      case '--set': {
        const pair = value();
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new UsageError(`--set expects key=value, got "${pair}".`);
        args.sets[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
        break;
      }
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${flag}. Options: --seed N, --set key=value, --backend wasm|cpu, --json, --quiet, --help.`);
        if (args.id !== undefined) throw new UsageError(`one experiment at a time: got "${args.id}" and "${arg}".`);
        args.id = arg;
    }
  }
  return args;
}

function describeSpec(spec: ParamSpec): string {
  if (spec.kind === 'enum') return `one of ${spec.options.join(', ')} (default ${spec.default})`;
  if (spec.kind === 'boolean') return `true or false (default ${spec.default})`;
  if (spec.kind === 'string') return `${spec.format} (default ${spec.default})`;
  return `${spec.kind === 'int' ? 'integer' : 'number'} ${spec.min}–${spec.max} (default ${spec.default})`;
}

function describeParams(experiment: AnyExperiment): string {
  const entries = Object.entries(experiment.params);
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([key, spec]) => `  ${key.padEnd(width)}  ${describeSpec(spec)}: ${spec.label}${spec.help ? `. ${spec.help}` : ''}`).join('\n');
}

const USAGE = `Usage: npm run experiment -- <id> [--seed N] [--set key=value ...] [--backend wasm|cpu] [--json] [--quiet]

Runs an experiment in Node, prints its metrics and checks the paper's claim on the result.
  --seed N          integer ${SEED_MIN}–${SEED_MAX} (default: the experiment's own)
  --set key=value   a parameter (repeatable); see: npm run experiment -- <id> --help
  --backend B       TF.js backend: wasm (default, falls back to cpu) or cpu
  --json            print one JSON object { id, seed, params, metrics, claim, backend, seconds }
  --quiet           no progress on stderr
Exit codes: 0 finished (claim held or not), 1 the run failed, 2 bad command line.`;

function idList(): string {
  return experimentIds.join(', ');
}

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : v.toPrecision(4);
}

/** Progress on stderr: one rewritten line on a terminal, a line every few seconds otherwise. */
function progressReporter(id: string): ((p: Progress) => void) & { finish(): void } {
  const tty = Boolean(process.stderr.isTTY);
  const minGapMs = tty ? 100 : 2000;
  let last = -Infinity;
  let wrote = false;
  const started = performance.now();
  const report = (p: Progress) => {
    const t = performance.now();
    if (t - last < minGapMs && p.step < p.totalSteps) return;
    last = t;
    const pct = p.totalSteps > 0 ? Math.floor((100 * p.step) / p.totalSteps) : 0;
    const loss = p.loss !== undefined ? `  loss ${formatNumber(p.loss)}` : '';
    const line = `${id}: ${String(pct).padStart(3)}%  ${p.phase ?? `step ${p.step}/${p.totalSteps}`}${loss}  ${((t - started) / 1000).toFixed(1)} s`;
    if (tty) process.stderr.write(`\r\x1b[2K${line}`);
    else process.stderr.write(`${line}\n`);
    wrote = true;
  };
  return Object.assign(report, {
    finish() {
      if (tty && wrote) process.stderr.write('\n');
    },
  });
}

async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  if (args.id === undefined) {
    if (args.help) {
      process.stdout.write(`${USAGE}\n\nExperiments: ${idList()}\n`);
      return 0;
    }
    process.stderr.write(`error: name an experiment. Experiments: ${idList()}\n\n${USAGE}\n`);
    return 2;
  }
  const experiment = await loadExperiment(args.id);
  if (!experiment) {
    process.stderr.write(`error: unknown experiment "${args.id}". Experiments: ${idList()}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${experiment.id}: ${experiment.title}\n${experiment.description}\n\nParameters (--set key=value):\n${describeParams(experiment)}\n\nDefault seed: ${experiment.defaultSeed}\n`);
    return 0;
  }

  const parsed = parseParams(experiment.params, args.sets);
  const problems: string[] = [];
  for (const key of parsed.unknown) problems.push(`unknown parameter "${key}" for ${experiment.id}. Parameters:\n${describeParams(experiment)}`);
  for (const notice of parsed.notices) {
    const spec = experiment.params[notice.key];
    problems.push(`${notice.message.replace(/[;,] using .*$/, '')}. Valid: ${describeSpec(spec)}.`);
  }
  const seedParsed = parseSeed(args.seed, experiment.defaultSeed);
  if (seedParsed.notice) problems.push(`the seed must be an integer from ${SEED_MIN} to ${SEED_MAX}, got "${args.seed}".`);
  if (problems.length > 0) {
    process.stderr.write(problems.map((p) => `error: ${p}\n`).join(''));
    return 2;
  }

  const reporter = progressReporter(experiment.id);
  let run;
  try {
    run = await runToEnd(experiment, {
      seed: seedParsed.seed,
      params: parsed.values,
      backend: args.backend ? { preferred: [args.backend] } : undefined,
      onProgress: args.quiet ? undefined : reporter,
    });
  } catch (err) {
    reporter.finish();
    process.stderr.write(`error: the ${experiment.id} run failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    reporter.finish();
  }

  const { claim } = run;
  if (run.fallbacks.length > 0) process.stderr.write(`note: ran on ${run.backend}; skipped ${run.fallbacks.join('; ')}\n`);
  if (args.json) {
    const out = {
      id: experiment.id,
      seed: run.seed,
      params: run.params,
      metrics: run.result.metrics,
      claim: { holds: claim.holds, summary: claim.summary, numbers: claim.numbers },
      backend: run.backend,
      seconds: Number(run.seconds.toFixed(3)),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  }

  const lines: string[] = [];
  lines.push(`${experiment.id}: ${experiment.title}`);
  lines.push(`seed ${run.seed} · backend ${run.backend} · ${run.seconds.toFixed(2)} s`);
  lines.push(`params: ${Object.entries(run.params).map(([k, v]) => `${k}=${String(v)}`).join(' ')}`);
  lines.push('');
  lines.push('metrics:');
  const metricEntries = Object.entries(run.result.metrics as Record<string, number>);
  const width = Math.max(0, ...metricEntries.map(([k]) => k.length));
  for (const [k, v] of metricEntries) lines.push(`  ${k.padEnd(width)}  ${formatNumber(v)}`);
  lines.push('');
  lines.push(`claim: ${claim.holds ? 'HOLDS' : 'DOES NOT HOLD'}`);
  lines.push(`  ${claim.summary}`);
  for (const check of claim.checks ?? []) lines.push(`  ${check.holds ? 'pass' : 'FAIL'}  ${check.name}: ${check.detail}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

// Output piped into a reader that stops early (`| head`, `| true`): stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
