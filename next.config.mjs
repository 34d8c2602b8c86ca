/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'export',
  trailingSlash: false,
  images: { unoptimized: true },
  reactStrictMode: true,
  // `npm test` runs `tsc --noEmit` over the whole project once; no need to repeat it per build.
  typescript: { ignoreBuildErrors: true },
  // The content pipeline's packages load from node_modules as they are instead of being bundled into
  // the server's route code: `npm run dev` compiles a fresh clone's first note page ~0.8 s sooner
  // (7.4 -> 6.6 s, idle 2 cores) and the exported site is byte for byte the same. (katex stays
  // bundled: the layout imports its CSS.)
  serverExternalPackages: [
    'unified',
    'remark-parse',
    'remark-frontmatter',
    'remark-gfm',
    'remark-math',
    'remark-mdx',
    'rehype-katex',
    'rehype-highlight',
    'highlight.js',
    'lowlight',
    'gray-matter',
    'zod',
    'vfile',
    'unist-util-visit',
    'mdast-util-to-string',
    'github-slugger',
    'minisearch',
  ],
  experimental: {
    // Writing Turbopack's build cache costs ~10 s per build and CI always builds from scratch.
    turbopackFileSystemCacheForBuild: !process.env.CI,
  },
};

export default nextConfig;
