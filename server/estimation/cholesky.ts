/**
 * Cholesky factor of a small symmetric positive semi-definite matrix (row-major, k×k). A column whose
 * pivot vanishes (relative to the largest diagonal element) is linearly dependent on the earlier ones; it
 * is skipped and its coefficient set to zero, which still yields a least-squares solution — the same
 * fitted values as R's rank-revealing `qr()`.
 */
export interface CholeskyFactor {
  size: number;
  lower: Float64Array;
  skipped: Uint8Array;
}

const RELATIVE_PIVOT_TOLERANCE = 1e-10;

export function choleskyFactor(matrix: Float64Array, size: number): CholeskyFactor {
  const lower = new Float64Array(size * size);
  const skipped = new Uint8Array(size);
  let maxDiagonal = 0;
  for (let k = 0; k < size; k++) maxDiagonal = Math.max(maxDiagonal, matrix[k * size + k]);
  for (let j = 0; j < size; j++) {
    let pivot = matrix[j * size + j];
    for (let m = 0; m < j; m++) pivot -= lower[j * size + m] ** 2;
    if (!(pivot > RELATIVE_PIVOT_TOLERANCE * maxDiagonal)) {
      skipped[j] = 1;
      continue;
    }
    const root = Math.sqrt(pivot);
    lower[j * size + j] = root;
    for (let i = j + 1; i < size; i++) {
      let sum = matrix[i * size + j];
      for (let m = 0; m < j; m++) sum -= lower[i * size + m] * lower[j * size + m];
      lower[i * size + j] = sum / root;
    }
  }
  return { size, lower, skipped };
}

/** Solves A·x = b with a factor from {@link choleskyFactor}; skipped coordinates of x are zero. */
export function choleskySolve(factor: CholeskyFactor, rhs: ArrayLike<number>): Float64Array {
  const { size, lower, skipped } = factor;
  const x = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    if (skipped[i]) continue;
    let sum = rhs[i];
    for (let m = 0; m < i; m++) sum -= lower[i * size + m] * x[m];
    x[i] = sum / lower[i * size + i];
  }
  for (let i = size - 1; i >= 0; i--) {
    if (skipped[i]) continue;
    let sum = x[i];
    for (let m = i + 1; m < size; m++) sum -= lower[m * size + i] * x[m];
    x[i] = sum / lower[i * size + i];
  }
  return x;
}
