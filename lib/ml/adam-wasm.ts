/**
 * Adam's element-wise update as a tiny WebAssembly function, assembled here byte by byte.
 *
 * Why: in JavaScript every float32 operation has to be emulated as a double operation rounded
 * with Math.fround, and the update loop of a 34k-weight VAE took about 0.4 ms, a sixth of a
 * whole training step. WebAssembly has real float32 arithmetic (f32.mul, f32.div, f32.sqrt are
 * the correctly rounded IEEE operations a float32 kernel performs), and its SIMD form does four
 * lanes at once, so the same bits come out several times faster (tests/unit/adam.test.ts checks
 * the result against tf.train.adam, weight for weight).
 *
 * The module is built in two forms: with 128-bit SIMD (every current browser and Node), and
 * scalar for engines without it. Where WebAssembly is missing altogether, `createAdamKernel`
 * returns null and the caller keeps its JavaScript loop.
 *
 * Memory layout (byte offsets chosen by the caller, 16-byte aligned): gradients, weights, first
 * moments, second moments, each `n` float32 values. The function updates m, v and the weights in place.
 */

/** The update's constants, already rounded to float32 as TF.js rounds them. */
export interface AdamKernelConstants {
  beta1: number;
  beta2: number;
  oneMinusBeta1: number;
  oneMinusBeta2: number;
  epsilon: number;
  minusLearningRate: number;
}

export interface AdamKernel {
  /** Float32 view of the module's memory; re-read after `reserve` (growing detaches old views). */
  heap(): Float32Array;
  /** Makes the memory at least `bytes` long. */
  reserve(bytes: number): void;
  /** Updates n values (n a multiple of 4) at the given byte offsets. */
  update(n: number, g: number, w: number, m: number, v: number, c: AdamKernelConstants, oneMinusAccBeta1: number, oneMinusAccBeta2: number): void;
  /** 'simd' or 'scalar': which form the engine accepted. */
  form: 'simd' | 'scalar';
}

// Opcodes (WebAssembly core 2.0 and its fixed-width SIMD extension).
const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;
const OP = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  i32Const: 0x41,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Shl: 0x74,
  f32Load: 0x2a,
  f32Store: 0x38,
  f32Add: 0x92,
  f32Mul: 0x94,
  f32Div: 0x95,
  f32Sqrt: 0x91,
} as const;
/** SIMD instructions: the 0xfd prefix, then the opcode as unsigned LEB128. */
const SIMD = {
  load: [0xfd, 0x00],
  store: [0xfd, 0x0b],
  splat: [0xfd, 0x13],
  sqrt: [0xfd, 0xe3, 0x01],
  add: [0xfd, 0xe4, 0x01],
  mul: [0xfd, 0xe6, 0x01],
  div: [0xfd, 0xe7, 0x01],
} as const;

function leb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];
const name = (s: string) => [...leb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

// Parameters: n (i32), then byte offsets g, w, m, v (i32), then the eight f32 constants.
const P = { n: 0, g: 1, w: 2, m: 3, v: 4, beta1: 5, beta2: 6, oneMinusBeta1: 7, oneMinusBeta2: 8, epsilon: 9, minusLearningRate: 10, oneMinusAccBeta1: 11, oneMinusAccBeta2: 12 } as const;
const CONSTANTS = [P.beta1, P.beta2, P.oneMinusBeta1, P.oneMinusBeta2, P.epsilon, P.minusLearningRate, P.oneMinusAccBeta1, P.oneMinusAccBeta2];

/**
 * The function body, scalar (one f32 per iteration, 4 bytes) or SIMD (an f32x4, 16 bytes); in
 * the SIMD form the constants are first splatted into v128 locals.
 */
function body(simd: boolean): number[] {
  const get = (i: number) => [OP.localGet, i];
  const set = (i: number) => [OP.localSet, i];
  // Locals after the 13 parameters: the byte position p, then the working values.
  const p = 13;
  const gi = 14;
  const newM = 15;
  const newV = 16;
  // SIMD only: splatted constants at 17.., in CONSTANTS order.
  const k = (param: number) => (simd ? 17 + CONSTANTS.indexOf(param as (typeof CONSTANTS)[number]) : param);
  const load = simd ? [...SIMD.load, 4, 0] : [OP.f32Load, 2, 0];
  const store = simd ? [...SIMD.store, 4, 0] : [OP.f32Store, 2, 0];
  const add = simd ? [...SIMD.add] : [OP.f32Add];
  const mul = simd ? [...SIMD.mul] : [OP.f32Mul];
  const div = simd ? [...SIMD.div] : [OP.f32Div];
  const sqrt = simd ? [...SIMD.sqrt] : [OP.f32Sqrt];
  const at = (base: number) => [...get(base), ...get(p), OP.i32Add];
  const locals = simd ? [[1, I32], [3 + CONSTANTS.length, V128]] : [[1, I32], [3, F32]];
  const code = [
    ...(simd ? CONSTANTS.flatMap((c) => [...get(c), ...SIMD.splat, ...set(k(c))]) : []),
    // n values -> n * 4 bytes; p runs over them.
    ...get(P.n), OP.i32Const, 2, OP.i32Shl, ...set(P.n),
    OP.i32Const, 0, ...set(p),
    OP.block, 0x40,
    OP.loop, 0x40,
    ...get(p), ...get(P.n), OP.i32GeU, OP.brIf, 1,
    // g
    ...at(P.g), ...load, ...set(gi),
    // m' = m * beta1 + g * (1 - beta1)
    ...at(P.m), ...load, ...get(k(P.beta1)), ...mul, ...get(gi), ...get(k(P.oneMinusBeta1)), ...mul, ...add, ...set(newM),
    // v' = v * beta2 + (g * g) * (1 - beta2)
    ...at(P.v), ...load, ...get(k(P.beta2)), ...mul, ...get(gi), ...get(gi), ...mul, ...get(k(P.oneMinusBeta2)), ...mul, ...add, ...set(newV),
    ...at(P.m), ...get(newM), ...store,
    ...at(P.v), ...get(newV), ...store,
    // w' = ((m' / (1 - beta1^t)) / (sqrt(v' / (1 - beta2^t)) + eps)) * -lr + w
    ...at(P.w),
    ...get(newM), ...get(k(P.oneMinusAccBeta1)), ...div,
    ...get(newV), ...get(k(P.oneMinusAccBeta2)), ...div, ...sqrt, ...get(k(P.epsilon)), ...add,
    ...div, ...get(k(P.minusLearningRate)), ...mul,
    ...at(P.w), ...load, ...add,
    ...store,
    ...get(p), OP.i32Const, ...(simd ? [16] : [4]), OP.i32Add, ...set(p),
    OP.br, 0,
    OP.end,
    OP.end,
    OP.end,
  ];
  const fn = [...vec(locals.map(([count, type]) => [...leb(count), type])), ...code];
  return [...leb(fn.length), ...fn];
}

/** The module's bytes: one exported function `update` and one exported memory. */
export function adamModuleBytes(simd: boolean): Uint8Array<ArrayBuffer> {
  const params = [I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32, F32, F32];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...leb(params.length), ...params, 0]])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec([[...name('update'), 0x00, 0], [...name('memory'), 0x02, 0]])),
    ...section(10, vec([body(simd)])),
  ];
  return new Uint8Array(bytes);
}

type UpdateFn = (n: number, g: number, w: number, m: number, v: number, ...constants: number[]) => void;

function instantiate(simd: boolean): { update: UpdateFn; memory: WebAssembly.Memory } | null {
  try {
    // Synchronous on purpose: the module is a few hundred bytes, well under the engines' limit
    // for compiling on the calling thread, and the optimizer is created synchronously.
    const instance = new WebAssembly.Instance(new WebAssembly.Module(adamModuleBytes(simd)));
    return instance.exports as unknown as { update: UpdateFn; memory: WebAssembly.Memory };
  } catch {
    return null;
  }
}

/** The fastest form this engine runs, or null without WebAssembly. */
export function createAdamKernel(): AdamKernel | null {
  if (typeof WebAssembly === 'undefined') return null;
  let form: AdamKernel['form'] = 'simd';
  let exports = instantiate(true);
  if (!exports) {
    form = 'scalar';
    exports = instantiate(false);
  }
  if (!exports) return null;
  const { update, memory } = exports;
  let view = new Float32Array(memory.buffer);
  return {
    form,
    heap: () => (view.buffer === memory.buffer ? view : (view = new Float32Array(memory.buffer))),
    reserve(bytes) {
      const missing = bytes - memory.buffer.byteLength;
      if (missing > 0) memory.grow(Math.ceil(missing / 65536));
    },
    update(n, g, w, m, v, c, oneMinusAccBeta1, oneMinusAccBeta2) {
      update(n, g, w, m, v, c.beta1, c.beta2, c.oneMinusBeta1, c.oneMinusBeta2, c.epsilon, c.minusLearningRate, oneMinusAccBeta1, oneMinusAccBeta2);
    },
  };
}
