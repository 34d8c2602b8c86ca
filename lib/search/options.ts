/** Shared by the build (index) and the browser (query), so both agree on fields and tokenising. */
export const SEARCH_OPTIONS = {
  fields: ['title', 'summary', 'headings', 'topics', 'text'],
  // The body text is stored too, so results can show the passage that matched.
  storeFields: ['title', 'summary', 'text'],
  searchOptions: { boost: { title: 4, headings: 2, summary: 2 }, prefix: true, fuzzy: 0.1 },
};
