import { getMDXComponent } from 'mdx-bundler/client';
import { mdxComponents } from '@/components/mdx';

/**
 * Renders compiled MDX on the server; only the demos inside it hydrate. `components` adds to
 * or replaces the site's MDX components for this page (the note-link previews replace `a`).
 */
export function NoteBody({ code, components }: { code: string; components?: typeof mdxComponents }) {
  const Content = getMDXComponent(code);
  return <Content components={components ? { ...mdxComponents, ...components } : mdxComponents} />;
}
