import MiniSearch from 'minisearch';
import { getContentIndex, searchDocuments } from '@/lib/content/index';
import { SEARCH_OPTIONS } from '@/lib/search/options';

// Emitted once at build time as out/search-index.json; the search page fetches it.
export const dynamic = 'force-static';

export function GET() {
  const search = new MiniSearch(SEARCH_OPTIONS);
  search.addAll(searchDocuments(getContentIndex()));
  return new Response(JSON.stringify(search), { headers: { 'content-type': 'application/json' } });
}
