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
import { Recorded } from './Recorded';
import { RecordedTable } from './RecordedTable';
import { DemoIsland } from '../islands/DemoIsland';
import { seedContextFor } from './recorded-data';

function demoComponent(id: string): ComponentType<{ caption?: string }> {
  // Rendered on the server: the record is read at build time and only its summary reaches the page.
  const DemoForNote = ({ caption }: { caption?: string }) => <DemoIsland id={id} caption={caption} seedContext={seedContextFor(id)} />;
  DemoForNote.displayName = `Demo(${id})`;
  return DemoForNote;
}

const demos = Object.fromEntries(Object.entries(DEMO_COMPONENTS).map(([name, id]) => [name, demoComponent(id)]));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- MDX passes whatever props the author wrote.
export const mdxComponents = { Callout, Figure, Sidenote, Cite, Recorded, RecordedTable, ...demos } as Record<string, ComponentType<any>>;
