'use client';
import { useEffect, useRef, useState, type ComponentType } from 'react';
import { demoLoaders } from '../demos/loaders';
import type { SeedContext } from '@/lib/calibration/context';
import { SeedContextProvider } from './seed-context';

/**
 * Placeholder that loads a demo's UI when it comes near the viewport. Without JavaScript
 * it says plainly that the demo needs it; the note itself reads fine either way. `seedContext`
 * (the experiment's recorded seeds, read at build time) lets the demo place a run among them.
 */
export interface LazyDemoProps {
  id: string;
  caption?: string;
  seedContext?: SeedContext | null;
}

export function LazyDemo({ id, caption, seedContext = null }: LazyDemoProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [Demo, setDemo] = useState<ComponentType | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    const load = demoLoaders[id];
    const el = ref.current;
    if (!el) return;
    if (!load) {
      setFailed(`The demo "${id}" is not available.`);
      return;
    }
    let cancelled = false;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        load().then(
          (mod) => !cancelled && setDemo(() => mod.default),
          (err: unknown) => !cancelled && setFailed(`The demo could not be loaded (${err instanceof Error ? err.message : String(err)}). Reload the page to try again.`),
        );
      },
      { rootMargin: '400px 0px' },
    );
    observer.observe(el);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [id]);

  return (
    <div ref={ref} className="demo-slot figure-wide">
      {Demo ? (
        <SeedContextProvider value={seedContext}>
          <Demo />
        </SeedContextProvider>
      ) : (
        <figure className="demo demo-placeholder" data-demo-placeholder={id}>
          <p className={failed ? 'demo-placeholder-text' : 'demo-placeholder-text demo-loading'}>{failed ?? 'Loading the live demo…'}</p>
          <noscript>
            <p className="demo-placeholder-text">This live demo trains a small model in your browser and needs JavaScript.</p>
          </noscript>
          {caption ? <figcaption>{caption}</figcaption> : null}
        </figure>
      )}
    </div>
  );
}
