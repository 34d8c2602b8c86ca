/**
 * Full-text search over every note on the search page (`[data-search]`, app/search/SearchForm.tsx).
 * The index loads when the reader first types, or at once when the address carries ?q=; the
 * query is kept in the address so a search can be shared. Results are built with text nodes
 * only: a query or a note's text is never parsed as HTML.
 */
import { clampQuery, echoQuery } from '../../app/search/query';
import type { Hit } from './search-engine';

type Search = (query: string) => Hit[];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderHit(hit: Hit): HTMLLIElement {
  const li = el('li');
  const link = el('a', hit.title);
  link.href = `/notes/${hit.id}`;
  li.append(link, el('p', hit.summary));
  if (hit.passage) {
    const passage = el('p');
    passage.className = 'search-passage';
    for (const piece of hit.passage) passage.append(el(piece.match ? 'mark' : 'span', piece.text));
    li.append(passage);
  }
  return li;
}

export function installSearch(): () => void {
  const root = document.querySelector<HTMLElement>('[data-search]');
  const input = root?.querySelector<HTMLInputElement>('input[type="search"]');
  const status = root?.querySelector<HTMLElement>('.search-status');
  const results = root?.querySelector<HTMLElement>('.search-results');
  if (!root || !input || !status || !results) return () => {};
  let search: Search | null = null;
  let loading: Promise<void> | null = null;
  let error: string | null = null;

  const render = () => {
    const query = input.value.trim();
    let hits: Hit[] = [];
    if (error) status.textContent = error;
    else if (query.length < 2) status.textContent = 'Type at least two letters.';
    else if (!search) status.textContent = 'Loading the index…';
    else {
      hits = search(query);
      status.textContent = hits.length === 0 ? `No note mentions “${echoQuery(query)}”.` : `${hits.length} note${hits.length === 1 ? '' : 's'} found.`;
    }
    results.replaceChildren(...hits.map(renderHit));
  };

  const ensureIndex = () => {
    loading ??= import('./search-engine')
      .then((m) => m.loadSearchEngine())
      .then(
        (s) => void (search = s),
        (e: unknown) => void (error = `The search index could not be loaded (${e instanceof Error ? e.message : String(e)}).`),
      )
      .then(render);
  };

  const onInput = () => {
    const value = clampQuery(input.value);
    if (value !== input.value) input.value = value;
    const url = new URL(window.location.href);
    if (value) url.searchParams.set('q', value);
    else url.searchParams.delete('q');
    window.history.replaceState(null, '', url);
    ensureIndex();
    render();
  };

  const fromAddress = new URLSearchParams(window.location.search).get('q');
  if (fromAddress) {
    input.value = clampQuery(fromAddress);
    ensureIndex();
  }
  render();
  input.addEventListener('input', onInput);
  return () => input.removeEventListener('input', onInput);
}
