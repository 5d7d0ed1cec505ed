type TypedArray = Int8Array | Int32Array | Float64Array;

/** An append-only typed array that doubles its capacity as needed. */
export class Growable<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(private readonly make: (capacity: number) => T) {
    this.data = make(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data as never);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** The values pushed, trimmed to their count. */
  finish(): T {
    return this.data.slice(0, this.length) as T;
  }
}
