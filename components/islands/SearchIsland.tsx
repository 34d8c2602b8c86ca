import { SearchClient } from '@/app/search/SearchClient';
import { Island } from './Island';

/** The search box and results: the only part of /search that needs JavaScript. */
export function SearchIsland() {
  return (
    <Island name="search" props={{}}>
      <SearchClient />
    </Island>
  );
}
