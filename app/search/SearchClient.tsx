'use client';
import { useEffect, useMemo, useState } from 'react';
import MiniSearch from 'minisearch';
import { SEARCH_OPTIONS } from '@/lib/search/options';
import { excerpt, type ExcerptPiece } from '@/lib/search/excerpt';
import { MAX_QUERY, clampQuery, echoQuery } from './query';

interface Hit {
  id: string;
  title: string;
  summary: string;
  passage: ExcerptPiece[] | null;
}

/** Full-text search over every note, against an index built at build time. */
export function SearchClient() {
  const [engine, setEngine] = useState<MiniSearch | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');

  useEffect(() => {
    const q = new URLSearchParams(window.location.search).get('q');
    if (q) setQuery(clampQuery(q));
    fetch('/search-index.json')
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((json) => setEngine(MiniSearch.loadJSON(json, SEARCH_OPTIONS)))
      .catch((e: unknown) => setError(`The search index could not be loaded (${e instanceof Error ? e.message : String(e)}).`));
  }, []);

  const hits = useMemo<Hit[]>(() => {
    if (!engine || query.trim().length < 2) return [];
    return engine.search(query.trim()).map((r) => ({
      id: r.id as string,
      title: r.title as string,
      summary: r.summary as string,
      // Terms as matched in the index (prefix and fuzzy matches included).
      passage: excerpt(r.text as string, [...new Set([...r.terms, ...query.trim().split(/\s+/)])]),
    }));
  }, [engine, query]);

  const status = error
    ? error
    : !engine
      ? 'Loading the index…'
      : query.trim().length < 2
        ? 'Type at least two letters.'
        : hits.length === 0
          ? `No note mentions “${echoQuery(query.trim())}”.`
          : `${hits.length} note${hits.length === 1 ? '' : 's'} found.`;

  return (
    <div>
      <label htmlFor="search-input" className="visually-hidden">
        Search the notes
      </label>
      <input
        id="search-input"
        className="search-box"
        type="search"
        placeholder="Search the notes, e.g. “intervention” or “kernel”"
        value={query}
        maxLength={MAX_QUERY}
        autoFocus
        onChange={(e) => {
          const value = clampQuery(e.target.value);
          setQuery(value);
          const url = new URL(window.location.href);
          if (value) url.searchParams.set('q', value);
          else url.searchParams.delete('q');
          window.history.replaceState(null, '', url);
        }}
      />
      <p className="search-status" role="status" aria-live="polite" style={{ overflowWrap: 'anywhere' }}>
        {status}
      </p>
      <ul className="search-results">
        {hits.map((h) => (
          <li key={h.id}>
            <a href={`/notes/${h.id}`}>{h.title}</a>
            <p>{h.summary}</p>
            {h.passage ? (
              <p className="search-passage">
                {h.passage.map((piece, i) => (piece.match ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
