/**
 * Lazy loaders for each demo's UI, keyed by experiment id. A demo's chunk (charts and all)
 * is fetched only when it scrolls into view; TF.js only when the reader presses Run.
 */
import type { ComponentType } from 'react';

export type DemoLoader = () => Promise<{ default: ComponentType }>;

export const demoLoaders: Partial<Record<string, DemoLoader>> = {
  ntk: () => import('./NtkDemo'),
  cbm: () => import('./CbmDemo'),
  cem: () => import('./CemDemo'),
  vae: () => import('./VaeDemo'),
  disentanglement: () => import('./DisentanglementDemo'),
  'concept-leakage': () => import('./ConceptLeakageDemo'),
};
