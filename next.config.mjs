/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'export',
  trailingSlash: false,
  images: { unoptimized: true },
  reactStrictMode: true,
  experimental: {
    // Writing Turbopack's build cache costs ~10 s per build and CI always builds from scratch.
    turbopackFileSystemCacheForBuild: !process.env.CI,
  },
};

export default nextConfig;
