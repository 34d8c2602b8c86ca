import type { Metadata } from 'next';
import { SearchForm } from './SearchForm';

export const metadata: Metadata = { title: 'Search' };

export default function SearchPage() {
  return (
    <div className="page">
      <h1>Search</h1>
      <noscript>
        <p>Search needs JavaScript. Every note is also listed on the home page and the topic pages.</p>
      </noscript>
      <SearchForm />
    </div>
  );
}
