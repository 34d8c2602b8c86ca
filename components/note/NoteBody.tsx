import { getMDXComponent } from 'mdx-bundler/client';
import { mdxComponents } from '@/components/mdx';

/** Renders compiled MDX on the server; only the demos inside it hydrate. */
export function NoteBody({ code }: { code: string }) {
  const Content = getMDXComponent(code);
  return <Content components={mdxComponents} />;
}
