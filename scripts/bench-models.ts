/**
 * Bench section `models`: training steps per second of each demo model on TF.js (the
 * project's own trainers, as the demos run them) beside PyTorch on one CPU thread for the
 * same model, measured in the same run, with TF.js kernels per step. PyTorch comes from
 * Debian's python3-torch (scripts/torch_reference.py); without it the section prints a note.
 * Figures only: nothing here is asserted.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import type { LoadedTf } from '../lib/runtime/backend';
import { createRng } from '../lib/core/rng';
import { createVae, createVaeTrainer } from '../lib/ml/vae';
import { binaryCrossEntropy, createMlp, createTrainer, disposeMlp, mlpForward, mlpVariables } from '../lib/ml/concept-mlp';
import { median, renderTable } from './bench-table';

/** The models the demos train, as PyTorch can rebuild them. */
const MODELS = [
  { name: 'VAE 256-64-8 (vae, disentanglement)', kind: 'vae', shape: [256, 64, 8], batch: 64, lr: 1e-3 },
  { name: 'concept encoder 256-32-8 (cbm, cem, concept-leakage)', kind: 'mlp-bce', sizes: [256, 32, 8], batch: 64, lr: 3e-3 },
  { name: 'label head 8-32-4 (cbm)', kind: 'mlp-bce', sizes: [8, 32, 4], batch: 128, lr: 1e-2 },
] as const;
type ModelSpec = (typeof MODELS)[number];

const STEPS = 300;
const PYTHON = '/usr/bin/python3';

export interface ModelBench {
  name: string;
  tfjsStepsPerSecond: number;
  torchStepsPerSecond: number | null;
  /** TF.js time per step / PyTorch time per step (lower is better; the target is at most 3). */
  ratio: number | null;
  kernelsPerStep: number;
}

export interface ModelBenchResult {
  backend: string;
  torch: string | null;
  note?: string;
  models: ModelBench[];
}

/** A TF.js training step for the model, built from the same lib/ml code the experiments use. */
function tfStepper(tf: LoadedTf['tf'], spec: ModelSpec): { step: () => void; sync: () => Promise<void>; dispose: () => void } {
  const rng = createRng(1);
  if (spec.kind === 'vae') {
    const [inputDim, hiddenDim, latentDim] = spec.shape;
    const images = new Float32Array(768 * inputDim).map(() => (rng.uniform(0, 1) > 0.7 ? 1 : 0));
    const vae = createVae(tf, { inputDim, hiddenDim, latentDim }, rng.fork('init'));
    const trainer = createVaeTrainer(tf, { vae, objective: { kind: 'beta-vae', beta: 1 }, learningRate: spec.lr, batchSize: spec.batch, images, n: 768, rng });
    return {
      step: () => void trainer.step(false),
      sync: async () => void (await vae.variables[0].data()),
      dispose: () => (trainer.dispose(), vae.dispose()),
    };
  }
  const [nIn, , nOut] = spec.sizes;
  const n = 2000;
  const x = tf.tensor2d(new Float32Array(n * nIn).map(() => rng.uniform(0, 1)), [n, nIn]);
  const c = tf.tensor2d(new Float32Array(n * nOut).map(() => (rng.uniform(0, 1) > 0.5 ? 1 : 0)), [n, nOut]);
  const mlp = createMlp(tf, rng, spec.sizes);
  const trainer = createTrainer(tf, { data: { x, c }, variables: mlpVariables(mlp), loss: (b) => binaryCrossEntropy(tf, b.c, mlpForward(tf, mlp, b.x)), learningRate: spec.lr, batchSize: spec.batch, rng });
  return {
    step: () => void trainer.step(false),
    sync: async () => void (await mlp.layers[0].w.data()),
    dispose: () => (trainer.dispose(), disposeMlp(mlp), tf.dispose([x, c] as TF.Tensor[])),
  };
}

async function tfjsStepsPerSecond(loaded: LoadedTf, spec: ModelSpec): Promise<{ rate: number; kernels: number }> {
  const { tf } = loaded;
  const s = tfStepper(tf, spec);
  try {
    for (let i = 0; i < 30; i++) s.step();
    await s.sync();
    const info = await tf.profile(() => (s.step(), []));
    const t0 = performance.now();
    for (let i = 0; i < STEPS; i++) s.step();
    await s.sync();
    return { rate: STEPS / ((performance.now() - t0) / 1000), kernels: info.kernels.length };
  } finally {
    s.dispose();
  }
}

function torchStepsPerSecond(): { version: string; rates: Record<string, number> } | { error: string } {
  if (!fs.existsSync(PYTHON)) return { error: `no ${PYTHON}` };
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), 'torch_reference.py');
  try {
    const out = execFileSync(PYTHON, [script, JSON.stringify(MODELS.map((m) => ({ ...m, steps: STEPS })))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const parsed = JSON.parse(out.trim().split('\n').pop()!) as { torch: string; blas: string[]; results: Record<string, number> };
    if (!parsed.blas.some((b) => b.includes('openblas'))) return { error: `PyTorch runs on a reference BLAS (${parsed.blas.join(', ')}): apt-get install -y libopenblas0-pthread` };
    return { version: parsed.torch, rates: parsed.results };
  } catch (err) {
    const text = err instanceof Error ? ((err as { stderr?: string }).stderr ?? err.message) : String(err);
    return { error: /No module named 'torch'/.test(text) ? 'PyTorch is not installed: apt-get install -y python3-torch libopenblas0-pthread' : text.split('\n').slice(-2).join(' ') };
  }
}

export async function benchModels(loaded: LoadedTf, runs: number): Promise<ModelBenchResult> {
  const tfRates: Record<string, number[]> = {};
  const torchRates: Record<string, number[]> = {};
  const kernels: Record<string, number> = {};
  let torchVersion: string | null = null;
  let note: string | undefined;
  // Interleaved, so both see the same machine load.
  for (let r = 0; r < runs; r++) {
    for (const spec of MODELS) {
      const { rate, kernels: k } = await tfjsStepsPerSecond(loaded, spec);
      (tfRates[spec.name] ??= []).push(rate);
      kernels[spec.name] = k;
    }
    if (note) continue;
    const torch = torchStepsPerSecond();
    if ('error' in torch) note = `PyTorch reference skipped: ${torch.error}`;
    else {
      torchVersion = torch.version;
      for (const [name, rate] of Object.entries(torch.rates)) (torchRates[name] ??= []).push(rate);
    }
  }
  return {
    backend: loaded.backend,
    torch: torchVersion,
    note,
    models: MODELS.map((spec) => {
      const tfjs = median(tfRates[spec.name]);
      const torch = torchRates[spec.name] ? median(torchRates[spec.name]) : null;
      return { name: spec.name, tfjsStepsPerSecond: tfjs, torchStepsPerSecond: torch, ratio: torch ? torch / tfjs : null, kernelsPerStep: kernels[spec.name] };
    }),
  };
}

export function modelsTable(r: ModelBenchResult): string {
  const table = renderTable(
    ['model', `TF.js ${r.backend} steps/s`, 'PyTorch 1 thread steps/s', 'PyTorch / TF.js', 'TF.js kernels/step'],
    r.models.map((m) => [m.name, m.tfjsStepsPerSecond.toFixed(0), m.torchStepsPerSecond?.toFixed(0) ?? '-', m.ratio ? `${m.ratio.toFixed(1)}x` : '-', String(m.kernelsPerStep)]),
  );
  return `${table}${r.note ? `\n${r.note}` : `\nPyTorch ${r.torch}, 1 thread, OpenBLAS; same architecture, batch and optimizer (Adam).`}`;
}
