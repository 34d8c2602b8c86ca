/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'export',
  trailingSlash: false,
  images: { unoptimized: true },
  reactStrictMode: true,
  // `npm test` runs `tsc --noEmit` over the whole project once; no need to repeat it per build.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // Writing Turbopack's build cache costs ~10 s per build and CI always builds from scratch.
    turbopackFileSystemCacheForBuild: !process.env.CI,
  },
};

export default nextConfig;
