'use client';
/**
 * Hands a demo the recorded seeds of its experiment (made at build time from the committed
 * calibration record) without each demo component passing it through by hand.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { SeedContext } from '@/lib/calibration/context';

const Context = createContext<SeedContext | null>(null);

export function SeedContextProvider({ value, children }: { value: SeedContext | null; children: ReactNode }) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSeedContext(): SeedContext | null {
  return useContext(Context);
}
