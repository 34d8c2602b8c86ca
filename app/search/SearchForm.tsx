import { MAX_QUERY } from './query';

/**
 * The search box, its status line and the results list, server-rendered; the searching is
 * components/enhance/search.ts (plain DOM, the index fetched when the reader first types or a
 * link carries ?q=), so the page needs no framework to start.
 */
export function SearchForm() {
  return (
    <div data-search="">
      <label htmlFor="search-input" className="visually-hidden">
        Search the notes
      </label>
      <input id="search-input" className="search-box" type="search" placeholder="Search the notes, e.g. “intervention” or “kernel”" maxLength={MAX_QUERY} autoFocus />
      <p className="search-status" role="status" aria-live="polite" style={{ overflowWrap: 'anywhere' }}>
        Type at least two letters.
      </p>
      <ul className="search-results" />
    </div>
  );
}
