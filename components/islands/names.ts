/**
 * The client components the exported site mounts as islands, by name. The exported pages carry
 * no framework runtime (scripts/export-islands.ts strips it): a note paints as a static page
 * and only these parts load React, each when it is needed.
 */
export const ISLAND_NAMES = ['demo', 'search'] as const;
export type IslandName = (typeof ISLAND_NAMES)[number];

export const ISLAND_ATTR = 'data-island';
export const ISLAND_PROPS_ATTR = 'data-island-props';
