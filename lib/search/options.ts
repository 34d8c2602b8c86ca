/** Shared by the build (index) and the browser (query), so both agree on fields and tokenising. */
export const SEARCH_OPTIONS = {
  fields: ['title', 'summary', 'headings', 'topics', 'text'],
  storeFields: ['title', 'summary'],
  searchOptions: { boost: { title: 4, headings: 2, summary: 2 }, prefix: true, fuzzy: 0.15 },
};
