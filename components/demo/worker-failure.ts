/**
 * Turns what a failed worker or chunk load reports ("Failed to load chunk ... importScripts",
 * "Failed to fetch dynamically imported module", a worker error event with no message) into
 * a sentence a reader can act on, and says whether the worker must be replaced.
 */
const NETWORK = /failed to (load|fetch)|loading chunk|chunkloaderror|importscripts|networkerror|network error|dynamically imported module|worker failed to load|err_internet_disconnected|load failed/i;

export interface WorkerFailure {
  message: string;
  /** True when the worker's own code or a chunk it needs did not arrive: start a new worker next time. */
  workerIsBroken: boolean;
}

export function describeWorkerFailure(raw: string): WorkerFailure {
  if (NETWORK.test(raw)) {
    return {
      message: "The demo's code could not be downloaded: check your connection, then press Run again (no reload needed).",
      workerIsBroken: true,
    };
  }
  return { message: raw.charAt(0).toUpperCase() + raw.slice(1), workerIsBroken: false };
}
