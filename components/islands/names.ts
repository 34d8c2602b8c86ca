/**
 * The client components the exported site mounts as islands, by name. The exported pages carry
 * no framework runtime (scripts/export-islands.ts strips it): a note paints as a static page
 * and only these parts load React, each when it is needed. (Search needs no React:
 * components/enhance/search.ts.)
 */
export const ISLAND_NAMES = ['demo'] as const;
export type IslandName = (typeof ISLAND_NAMES)[number];

export const ISLAND_ATTR = 'data-island';
export const ISLAND_PROPS_ATTR = 'data-island-props';
