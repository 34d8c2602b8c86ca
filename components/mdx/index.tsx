/**
 * Everything an MDX note may use without importing. Keep in step with
 * lib/content/known-components.ts (a unit test checks the two agree).
 */
import type { ComponentType } from 'react';
import { DEMO_COMPONENTS } from '@/lib/content/known-components';
import { Callout } from './Callout';
import { Figure } from './Figure';
import { Sidenote } from './Sidenote';
import { Cite } from './Cite';
import { LazyDemo } from '../demo/LazyDemo';

function demoComponent(id: string): ComponentType<{ caption?: string }> {
  const DemoForNote = ({ caption }: { caption?: string }) => <LazyDemo id={id} caption={caption} />;
  DemoForNote.displayName = `Demo(${id})`;
  return DemoForNote;
}

const demos = Object.fromEntries(Object.entries(DEMO_COMPONENTS).map(([name, id]) => [name, demoComponent(id)]));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- MDX passes whatever props the author wrote.
export const mdxComponents = { Callout, Figure, Sidenote, Cite, ...demos } as Record<string, ComponentType<any>>;
