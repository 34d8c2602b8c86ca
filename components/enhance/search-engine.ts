/**
 * The search index and its queries: MiniSearch over the index built at build time
 * (app/search-index.json), loaded once. Split from search.ts so MiniSearch and the index
 * download only on the search page, when first needed.
 */
import MiniSearch from 'minisearch';
import { SEARCH_OPTIONS } from '@/lib/search/options';
import { excerpt, type ExcerptPiece } from '@/lib/search/excerpt';

export interface Hit {
  id: string;
  title: string;
  summary: string;
  passage: ExcerptPiece[] | null;
}

export async function loadSearchEngine(): Promise<(query: string) => Hit[]> {
  const response = await fetch('/search-index.json');
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const engine = MiniSearch.loadJSON(await response.text(), SEARCH_OPTIONS);
  return (query) =>
    engine.search(query).map((r) => ({
      id: r.id as string,
      title: r.title as string,
      summary: r.summary as string,
      // Terms as matched in the index (prefix and fuzzy matches included).
      passage: excerpt(r.text as string, [...new Set([...r.terms, ...query.split(/\s+/)])]),
    }));
}
