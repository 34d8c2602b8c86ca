/**
 * The one place an experiment is registered: its manifest (cheap: id, title, parameters, demo
 * tag) and a loader for its code (TF.js models, training loops), which the worker, the CLI, the
 * bench and the tests call by id on demand. Adding a demo = one line in `entries`.
 */
import type { Experiment, Manifest } from '../core/contract';
import type { ParamTable } from '../core/params';
import { cbmManifest } from './cbm/manifest';
import { cceManifest } from './cce/manifest';
import { ccsManifest } from './ccs/manifest';
import { cemManifest } from './cem/manifest';
import { conceptLeakageManifest } from './concept-leakage/manifest';
import { conceptWhiteningManifest } from './concept-whitening/manifest';
import { disentanglementManifest } from './disentanglement/manifest';
import { nonRobustFeaturesManifest } from './non-robust-features/manifest';
import { ntkManifest } from './ntk/manifest';
import { posthocCbmManifest } from './posthoc-cbm/manifest';
import { sbnManifest } from './sbn/manifest';
import { trojanSaliencyManifest } from './trojan-saliency/manifest';
import { vaeManifest } from './vae/manifest';

/** An experiment of any parameter table / snapshot / result type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyExperiment = Experiment<ParamTable, any, any>;
export type AnyManifest = Manifest<ParamTable>;

interface Entry {
  manifest: AnyManifest;
  load: () => Promise<{ default: unknown }>;
}

const entries: Entry[] = [
  { manifest: cbmManifest, load: () => import('./cbm/experiment') },
  { manifest: cceManifest, load: () => import('./cce/experiment') },
  { manifest: ccsManifest, load: () => import('./ccs/experiment') },
  { manifest: cemManifest, load: () => import('./cem/experiment') },
  { manifest: conceptLeakageManifest, load: () => import('./concept-leakage/experiment') },
  { manifest: conceptWhiteningManifest, load: () => import('./concept-whitening/experiment') },
  { manifest: disentanglementManifest, load: () => import('./disentanglement/experiment') },
  { manifest: nonRobustFeaturesManifest, load: () => import('./non-robust-features/experiment') },
  { manifest: ntkManifest, load: () => import('./ntk/experiment') },
  { manifest: posthocCbmManifest, load: () => import('./posthoc-cbm/experiment') },
  { manifest: sbnManifest, load: () => import('./sbn/experiment') },
  { manifest: trojanSaliencyManifest, load: () => import('./trojan-saliency/experiment') },
  { manifest: vaeManifest, load: () => import('./vae/experiment') },
];

const byId = new Map(entries.map((e) => [e.manifest.id, e]));

/** All ids, sorted, for listings and error messages. */
export const experimentIds: readonly string[] = [...byId.keys()].sort();

/** Every manifest, sorted by id. */
export const manifests: readonly AnyManifest[] = experimentIds.map((id) => byId.get(id)!.manifest);

export function getManifest(id: string): AnyManifest | undefined {
  return byId.get(id)?.manifest;
}

/** Loads an experiment's code by id; undefined for an unknown id (never throws for one). */
export async function loadExperiment(id: string): Promise<AnyExperiment | undefined> {
  const entry = byId.get(id);
  if (!entry) return undefined;
  const module = await entry.load();
  return module.default as AnyExperiment;
}
