'use client';
/**
 * In `npm run dev` only: when a content file is saved, re-render this page's server components
 * (router.refresh keeps the scroll position and client state). The events come from
 * scripts/dev.mjs, which watches the content tree.
 */
import { useRouter } from 'next/navigation';
import { startTransition, useEffect } from 'react';

export function DevContentRefresh({ url }: { url: string }) {
  const router = useRouter();
  useEffect(() => {
    const source = new EventSource(url);
    const refresh = () => startTransition(() => router.refresh());
    source.addEventListener('change', refresh);
    // Marks the page as listening (the dev-loop test waits for it before saving).
    source.addEventListener('open', () => (document.documentElement.dataset.contentEvents = 'open'));
    return () => {
      source.close();
      delete document.documentElement.dataset.contentEvents;
    };
  }, [url, router]);
  return null;
}
