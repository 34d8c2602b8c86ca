import fs from 'node:fs';
import path from 'node:path';
import { defaultRoot } from '@/lib/content/index';

/**
 * A figure whose SVG is inlined at build time, so it follows the page's theme through
 * currentColor and the --fig-* CSS variables. Non-SVG images fall back to <img>.
 */
export function Figure({ src, alt, caption, wide }: { src: string; alt: string; caption?: string; wide?: boolean }) {
  const file = path.join(defaultRoot(), 'public', src);
  const isSvg = src.endsWith('.svg') && fs.existsSync(file);
  const svg = isSvg
    ? fs
        .readFileSync(file, 'utf8')
        .replace(/<\?xml[^>]*>\s*/, '')
        .replace(/<!DOCTYPE[^>]*>\s*/i, '')
    : null;
  return (
    <figure className={wide ? 'figure figure-wide' : 'figure'}>
      {svg ? (
        <div className="figure-svg" role="img" aria-label={alt} dangerouslySetInnerHTML={{ __html: svg }} />
      ) : (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={src} alt={alt} />
      )}
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}
