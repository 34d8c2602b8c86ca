/**
 * Rotating a trained VAE's latent space: Locatello et al.'s impossibility argument made concrete.
 *
 * With an isotropic prior N(0, I), the model (encoder mu' = R mu, posterior covariance
 * R diag(sigma^2) R^T, decoder p(x | R^T z')) defines exactly the same distribution of the data
 * as the original for every rotation R, and has the same ELBO; but its latent axes are different
 * mixtures of the factors, so any disentanglement score can change. This file:
 * - searches rotations for the highest and the lowest score (plain TS, no TF.js);
 * - computes the ELBO of a rotated model honestly, without assuming the invariance (TF.js).
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../../core/contract';
import type { Rng } from '../../core/rng';
import { cholesky, givensRotation, identity, logDetSpd, multiply, multiplyRows, transpose, type SquareMatrix } from '../../ml/linalg';
import { encodeImages, meanKlPerDim, reconstructionNll, sampleCodes, type Vae } from '../../ml/vae';
import type { ColumnScorer } from './mig-by-column';

export interface RotationSearchResult {
  rotation: SquareMatrix;
  score: number;
  evaluations: number;
}

/**
 * Greedy search over rotations: repeatedly try Givens rotations in every coordinate plane at a
 * few angles, keep any that improves `score` of the rotated codes (rows: code^T R^T), until a
 * sweep changes nothing. Cheap for d <= 12 and a few hundred codes; finds a good local optimum,
 * which is all the demo needs (it shows that very different scores share one ELBO).
 */
export function searchRotation(
  codes: Float32Array,
  n: number,
  d: number,
  score: ((rotatedCodes: Float32Array) => number) | ColumnScorer,
  direction: 'max' | 'min',
  options: { angles?: number[]; maxSweeps?: number } = {},
): RotationSearchResult {
  const angles = options.angles ?? [Math.PI / 4, -Math.PI / 4, Math.PI / 8, -Math.PI / 8, Math.PI / 16, -Math.PI / 16];
  const maxSweeps = options.maxSweeps ?? 4;
  const better = (a: number, b: number) => (direction === 'max' ? a > b + 1e-9 : a < b - 1e-9);
  let rotation = identity(d);
  let current: Float32Array = Float32Array.from(codes);
  const finite = current.every(Number.isFinite);
  const rotate = finite
    ? (g: SquareMatrix, i: number, j: number) => rotateInPlane(current, n, d, g, i, j)
    : (g: SquareMatrix) => multiplyRows(current, n, transpose(g, d), d);
  // A column scorer rescores only the two columns a plane rotation changes; rotations of codes
  // with non-finite entries change every column (see rotateInPlane), so there it scores afresh.
  const scorer: ColumnScorer =
    typeof score === 'function'
      ? { reset: score, candidate: score, accept: () => undefined }
      : finite
        ? score
        : { reset: (c) => score.reset(c), candidate: (c) => score.reset(c), accept: () => undefined };
  let best = scorer.reset(current);
  let evaluations = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let improved = false;
    for (let i = 0; i < d; i++)
      for (let j = i + 1; j < d; j++)
        for (const angle of angles) {
          const g = givensRotation(d, i, j, angle);
          const candidate = rotate(g, i, j);
          const s = scorer.candidate(candidate, i, j);
          evaluations++;
          if (better(s, best)) {
            best = s;
            current = candidate;
            scorer.accept();
            rotation = multiply(g, rotation, d);
            improved = true;
          }
        }
    if (!improved) break;
  }
  return { rotation, score: best, evaluations };
}

/**
 * Rows x^T G^T for a Givens rotation G in the (i, j) plane (i < j), in O(n d) instead of the
 * O(n d^2) of multiplyRows(x, n, transpose(G), d), and bit for bit what that gives for finite x:
 * its double sum for column c runs over k with terms x_k G[c][k], all exact zeros except
 * k = c outside the plane (x_c * 1) and k = i, j inside it, and adding a zero never changes a
 * sum that starts at +0 (it cannot become -0). The sums below keep the same order.
 */
export function rotateInPlane(x: Float32Array, n: number, d: number, g: SquareMatrix, i: number, j: number): Float32Array {
  const out = new Float32Array(n * d);
  const [gii, gij, gji, gjj] = [g[i * d + i], g[i * d + j], g[j * d + i], g[j * d + j]];
  for (let r = 0; r < n; r++) {
    const row = r * d;
    for (let k = 0; k < d; k++) out[row + k] = 0 + x[row + k];
    const xi = x[row + i];
    const xj = x[row + j];
    out[row + i] = 0 + xi * gii + xj * gij;
    out[row + j] = 0 + xi * gji + xj * gjj;
  }
  return out;
}

export interface ElboEstimate {
  /** Mean over images of the ELBO, nats per image. */
  elbo: number;
  reconstruction: number;
  kl: number;
  /** Per-image reconstruction NLL, averaged over the samples. */
  perImage: Float64Array;
  /** Pooled per-sample variance of the reconstruction NLL (for standard errors). */
  sampleVariance: number;
  samples: number;
}

/**
 * ELBO of the model rotated by R (identity: the trained model itself), on n images with
 * `samples` posterior draws each.
 *
 * KL(N(R mu, S') || N(0, I)) uses the general full-covariance formula
 * 1/2 (tr S' + |R mu|^2 - d - log det S'), with S' = R diag(sigma^2) R^T and log det by Cholesky.
 * Samples are z' = R mu + L' eps with L' = chol(S') and fresh noise, decoded by the rotated decoder,
 * whose first layer is R W1 (row vectors: z'^T R W1 = (R^T z')^T W1). Nothing here relies on the
 * invariance it is meant to show: any gap between rotations is Monte Carlo noise.
 */
export async function rotatedElbo(
  tf: Tf,
  vae: Vae,
  images: Float32Array,
  n: number,
  rotation: SquareMatrix,
  samples: number,
  rng: Rng,
): Promise<ElboEstimate> {
  const d = vae.shape.latentDim;
  const pixels = vae.shape.inputDim;
  const { mu, logVar } = await encodeImages(tf, vae, images, n);
  const isIdentity = rotation.every((v, k) => v === (k % (d + 1) === 0 ? 1 : 0));

  const codes = new Float32Array(samples * n * d);
  let kl: number;
  if (isIdentity) {
    // The trained model: diagonal posterior, closed-form KL, z = mu + sigma * eps.
    kl = meanKlPerDim(mu, logVar, n, d).reduce((a, b) => a + b, 0);
    for (let s = 0; s < samples; s++) codes.set(sampleCodes(mu, logVar, n, d, rng), s * n * d);
  } else {
    const rotT = transpose(rotation, d);
    const muRot = multiplyRows(mu, n, rotT, d); // rows (R mu)^T = mu^T R^T
    const diag = new Float64Array(d * d);
    const eps = new Float64Array(d);
    let klSum = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) diag[j * d + j] = Math.exp(logVar[i * d + j]);
      const cov = multiply(multiply(rotation, diag, d), rotT, d);
      const chol = cholesky(cov, d);
      const logDet = logDetSpd(cov, d);
      if (!chol || logDet === null) throw new Error('rotated posterior covariance is not positive definite');
      let trace = 0;
      let norm2 = 0;
      for (let j = 0; j < d; j++) {
        trace += cov[j * d + j];
        norm2 += muRot[i * d + j] ** 2;
      }
      klSum += 0.5 * (trace + norm2 - d - logDet);
      for (let s = 0; s < samples; s++) {
        for (let b = 0; b < d; b++) eps[b] = rng.normal();
        const row = (s * n + i) * d;
        for (let a = 0; a < d; a++) {
          let v = muRot[i * d + a];
          for (let b = 0; b <= a; b++) v += chol[a * d + b] * eps[b];
          codes[row + a] = v;
        }
      }
    }
    kl = klSum / n;
  }

  const repeated = new Float32Array(samples * n * pixels);
  for (let s = 0; s < samples; s++) repeated.set(images.subarray(0, n * pixels), s * n * pixels);
  const firstLayer = isIdentity
    ? undefined
    : (tf.tidy(() => tf.matMul(tf.tensor2d(Float32Array.from(rotation), [d, d]), vae.decoderW1)) as TF.Tensor2D);
  let nll: Float32Array;
  try {
    nll = await reconstructionNll(tf, vae, codes, repeated, samples * n, firstLayer);
  } finally {
    firstLayer?.dispose();
  }

  const perImage = new Float64Array(n);
  for (let s = 0; s < samples; s++) for (let i = 0; i < n; i++) perImage[i] += nll[s * n + i] / samples;
  let sq = 0;
  for (let s = 0; s < samples; s++) for (let i = 0; i < n; i++) sq += (nll[s * n + i] - perImage[i]) ** 2;
  const sampleVariance = samples > 1 ? sq / (n * (samples - 1)) : 0;
  const reconstruction = perImage.reduce((a, b) => a + b, 0) / n;
  return { elbo: -(reconstruction + kl), reconstruction, kl, perImage, sampleVariance, samples };
}

/**
 * Standard error of the difference of two ELBO estimates on the same images with independent
 * noise: only the sampling noise differs, so the per-sample variances add.
 */
export function elboDifferenceStdError(a: ElboEstimate, b: ElboEstimate): number {
  const n = a.perImage.length;
  return Math.sqrt(a.sampleVariance / (n * a.samples) + b.sampleVariance / (n * b.samples));
}
