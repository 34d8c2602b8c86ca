/**
 * The slice of tfjs-backend-wasm's internals that the faster kernels (wasm-matmul.ts,
 * wasm-copies.ts) work with: a tensor's storage record and the backend methods that make,
 * read and count references to buffers on the wasm heap. Not public API: pinned with the package.
 */
export interface TensorInfo {
  dataId: object;
  shape: number[];
  dtype: string;
}

export interface WasmBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
  incRef(dataId: object): void;
  disposeData(dataId: object): boolean;
}
