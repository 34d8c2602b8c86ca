import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="page">
      <p className="note-kicker">404</p>
      <h1>This page does not exist</h1>
      <p>
        The link may be old or mistyped. Try the <Link href="/">list of notes</Link>, the <Link href="/topics">topics</Link>, or <Link href="/search">search</Link>.
      </p>
    </div>
  );
}
