/**
 * The JSX components an MDX note may use without importing them. The checker reports any
 * other capitalised tag; components/mdx/index.tsx maps each name to its implementation (a
 * unit test keeps the two lists equal).
 */
import { manifests } from '../experiments/registry';

export const PROSE_COMPONENTS = ['Callout', 'Figure', 'Sidenote', 'Recorded', 'RecordedTable'] as const;

/** One demo component per experiment: the tag each manifest names, mapped to its id. */
export const DEMO_COMPONENTS: Readonly<Record<string, string>> = Object.fromEntries(manifests.map((m) => [m.component, m.id]));

export const KNOWN_COMPONENTS: readonly string[] = [...PROSE_COMPONENTS, ...Object.keys(DEMO_COMPONENTS)];

export const CALLOUT_KINDS = ['opinion', 'claim', 'note', 'warning'] as const;
