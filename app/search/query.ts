/**
 * Limits on what a reader types (or a link puts in ?q=): a query is cut to MAX_QUERY
 * characters (no note needs more, and fuzzy matching slows with length), and the status
 * line repeats at most ECHO_LENGTH of it, so a 5,000-character query neither floods the
 * page nor widens it.
 */
export const MAX_QUERY = 200;
export const ECHO_LENGTH = 60;

export function clampQuery(query: string): string {
  return query.slice(0, MAX_QUERY);
}

export function echoQuery(query: string): string {
  return query.length > ECHO_LENGTH ? `${query.slice(0, ECHO_LENGTH - 1)}…` : query;
}
