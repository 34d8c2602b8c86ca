/**
 * Every experiment by id: the worker, the CLI, the bench and the tests look experiments up
 * here. Adding a demo = one import and one line in `experiments`.
 */
import type { Experiment } from '../core/contract';
import type { ParamTable } from '../core/params';
import { ntk } from './ntk/experiment';
import { cbm } from './cbm/experiment';
import { cem } from './cem/experiment';
import { vaeExperiment } from './vae/experiment';
import { disentanglementExperiment } from './disentanglement/experiment';
import { conceptLeakage } from './concept-leakage/experiment';

/** An experiment of any parameter table / snapshot / result type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyExperiment = Experiment<ParamTable, any, any>;

export const experiments: Record<string, AnyExperiment> = {
  [ntk.id]: ntk as unknown as AnyExperiment,
  [cbm.id]: cbm as unknown as AnyExperiment,
  [cem.id]: cem as unknown as AnyExperiment,
  [vaeExperiment.id]: vaeExperiment as unknown as AnyExperiment,
  [disentanglementExperiment.id]: disentanglementExperiment as unknown as AnyExperiment,
  [conceptLeakage.id]: conceptLeakage as unknown as AnyExperiment,
};

/** All ids, sorted, for listings and error messages. */
export const experimentIds: readonly string[] = Object.keys(experiments).sort();

export function getExperiment(id: string): AnyExperiment | undefined {
  return Object.prototype.hasOwnProperty.call(experiments, id) ? experiments[id] : undefined;
}
