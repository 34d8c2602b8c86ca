'use client';
import { useEffect } from 'react';
import { enhancePage } from '../enhance';

/**
 * Under `next dev` (and any build that keeps Next's runtime) the page's plain-DOM enhancements
 * start here, after hydration. The exported site strips Next's runtime and starts them from
 * its islands entry instead (scripts/export-islands.ts); they are idempotent listeners either way.
 */
export function PageEnhancements() {
  useEffect(() => enhancePage(), []);
  return null;
}
