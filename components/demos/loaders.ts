/**
 * Lazy loaders for each demo's UI, keyed by experiment id. A demo's chunk (charts and all)
 * is fetched only when it scrolls into view; TF.js only when the reader presses Run.
 */
import type { ComponentType } from 'react';

export type DemoLoader = () => Promise<{ default: ComponentType }>;

export const demoLoaders: Partial<Record<string, DemoLoader>> = {
  ntk: () => import('./ntk/NtkDemo'),
  cbm: () => import('./cbm/CbmDemo'),
  cce: () => import('./cce/CceDemo'),
  'concept-whitening': () => import('./concept-whitening/ConceptWhiteningDemo'),
  ccs: () => import('./ccs/CcsDemo'),
  cem: () => import('./cem/CemDemo'),
  vae: () => import('./vae/VaeDemo'),
  disentanglement: () => import('./disentanglement/DisentanglementDemo'),
  'concept-leakage': () => import('./concept-leakage/ConceptLeakageDemo'),
  'posthoc-cbm': () => import('./posthoc-cbm/PosthocCbmDemo'),
  sbn: () => import('./sbn/SbnDemo'),
  'non-robust-features': () => import('./non-robust-features/NonRobustFeaturesDemo'),
  'trojan-saliency': () => import('./trojan-saliency/TrojanSaliencyDemo'),
};
