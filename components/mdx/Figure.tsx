import fs from 'node:fs';
import { defaultRoot, resolvePublicFile } from '@/lib/content/index';
import { scanSvg } from '@/lib/content/svg-safety';
import { isSitePath } from '@/lib/content/url-safety';

/**
 * A figure whose SVG is inlined at build time, so it follows the page's theme through
 * currentColor and the --fig-* CSS variables. What is inlined is the SVG rebuilt from its
 * allowed parts (lib/content/svg-safety.ts): no script, event handlers, foreignObject or
 * references outside the figure, even if the check was skipped. Non-SVG images fall back to <img>.
 */
export function Figure({ src, alt, caption, wide }: { src: string; alt: string; caption?: string; wide?: boolean }) {
  const file = isSitePath(src) ? resolvePublicFile(defaultRoot(), src) : null;
  const onSite = file !== null;
  const svg = file && src.endsWith('.svg') ? scanSvg(fs.readFileSync(file, 'utf8')).safe : null;
  const prefixed = svg ? prefixSvgIds(svg, src.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')) : null;
  return (
    <figure className={wide ? 'figure figure-wide' : 'figure'}>
      {svg ? (
        <div className="figure-svg" role="img" aria-label={alt} dangerouslySetInnerHTML={{ __html: prefixed! }} />
      ) : (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={onSite ? src : undefined} alt={alt} />
      )}
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}

/** Two inlined SVGs on one page may both use id="t": prefix every id and its references. */
export function prefixSvgIds(svg: string, prefix: string): string {
  const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  let out = svg;
  for (const id of new Set(ids)) {
    const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out
      .replace(new RegExp(`(\\sid=")${esc}"`, 'g'), `$1${prefix}-${id}"`)
      .replace(new RegExp(`url\\(#${esc}\\)`, 'g'), `url(#${prefix}-${id})`)
      .replace(new RegExp(`(href=")#${esc}"`, 'g'), `$1#${prefix}-${id}"`)
      .replace(new RegExp(`(aria-(?:labelledby|describedby)="[^"]*?)\\b${esc}\\b`, 'g'), `$1${prefix}-${id}`);
  }
  return out;
}
