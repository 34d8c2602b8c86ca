import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import 'katex/dist/katex.min.css';
import './globals.css';
import { ThemeToggle, themeInitScript } from '@/components/site/ThemeToggle';
import { SITE } from '@/lib/site';
import { DevContentRefresh } from '@/components/site/DevContentRefresh';
import { PageEnhancements } from '@/components/site/PageEnhancements';

export const metadata: Metadata = {
  title: { default: 'Interpretability notes, with live demos', template: '%s · Interpretability notes' },
  description: 'Notes on machine-learning interpretability papers, each with a small model you can train in your browser to see the claim happen.',
  metadataBase: new URL(SITE.url),
  alternates: { types: { 'application/atom+xml': [{ url: '/feed.xml', title: SITE.name }] } },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fbfaf7' },
    { media: '(prefers-color-scheme: dark)', color: '#15171b' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script id="theme-init" dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="site-header-inner">
            <Link href="/" className="site-title">
              Interpretability <span>notes</span>
            </Link>
            <nav className="site-nav" aria-label="Site">
              <Link href="/topics">Topics</Link>
              <Link href="/search">Search</Link>
              <ThemeToggle />
            </nav>
          </div>
        </header>
        <main id="main">{children}</main>
        <PageEnhancements />
        {/* Only under `npm run dev` (scripts/dev.mjs sets the URL): saving a note updates the open page. */}
        {process.env.NODE_ENV === 'development' && process.env.CONTENT_EVENTS_URL ? <DevContentRefresh url={process.env.CONTENT_EVENTS_URL} /> : null}
        <footer className="site-footer">
          <div className="site-footer-inner">
            Notes in our own words; equations and numbers from the papers cited in each note. Every demo trains in your browser and is re-run by the test suite.{' '}
            <Link href="/about/demos">How to read the demos</Link> · <Link href="/about/positions">Where we stand</Link>
          </div>
        </footer>
      </body>
    </html>
  );
}
