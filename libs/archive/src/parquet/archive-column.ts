import { Data, DataType, TimeUnit, Timestamp, Type, Vector } from 'apache-arrow';

/** One column of one record batch, read cell by cell without Arrow's per-cell visitor dispatch. */
export interface ArchiveColumn {
  text(index: number): string | null;
  /** An integer or a timestamp in epoch milliseconds, as a number. */
  number(index: number): number | null;
  /** A 64-bit integer as a decimal string, exactly. */
  decimal(index: number): string | null;
  /** A timestamp (epoch milliseconds) as ISO-8601 UTC. */
  iso(index: number): string | null;
  /** Binary cells as views into the batch's buffer (JavaScript memory, never copied). */
  bytes(index: number): Buffer | null;
  /** Binary (or text) cells decoded as UTF-8, as `bytes(index).toString('utf8')`. */
  utf8(index: number): string | null;
}

type Offsets = Int32Array | BigInt64Array;
type Values = Uint8Array | Int32Array | BigInt64Array;

const VARIABLE_WIDTH = new Set<Type>([Type.Utf8, Type.Binary, Type.LargeUtf8, Type.LargeBinary]);
const direct = (data: Data<DataType>): boolean =>
  VARIABLE_WIDTH.has(data.typeId) ||
  data.typeId === Type.Int ||
  (data.typeId === Type.Timestamp && (data.type as Timestamp).unit === TimeUnit.MILLISECOND);

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reads the buffers directly when the column has the layout `encodeParquet` writes; otherwise `Vector.get`. */
class BufferColumn implements ArchiveColumn {
  private readonly data: Data<DataType> | null;
  private readonly offsets: Offsets | null;
  private readonly values: Values | null;
  private readonly bytesView: Buffer | null;
  /** A 64-bit column's values as 32-bit words (low word first), read without a BigInt per cell. */
  private readonly words: Int32Array | null;
  private readonly nullBitmap: Uint8Array | null;
  private readonly bitOffset: number;

  constructor(private readonly vector: Vector<DataType> | null) {
    const data = vector?.data.length === 1 ? (vector.data[0] as Data<DataType>) : null;
    const layout = data && direct(data) ? data : null;
    this.data = layout;
    this.offsets = layout && VARIABLE_WIDTH.has(layout.typeId) ? (layout.valueOffsets as Offsets) : null;
    this.values = layout ? (layout.values as Values) : null;
    this.bytesView = this.offsets && this.values ? Buffer.from(this.values.buffer, this.values.byteOffset, this.values.byteLength) : null;
    this.nullBitmap = layout && layout.nullable && layout.nullCount > 0 ? layout.nullBitmap : null;
    this.bitOffset = layout?.offset ?? 0;
    this.words =
      LITTLE_ENDIAN && this.values instanceof BigInt64Array && !this.offsets
        ? new Int32Array(this.values.buffer, this.values.byteOffset, this.values.length * 2)
        : null;
  }

  text(index: number): string | null {
    if (!this.bytesView) return (this.vector?.get(index) as string | null | undefined) ?? null;
    if (!this.valid(index)) return null;
    return this.bytesView.toString('utf8', Number(this.offsets![index]), Number(this.offsets![index + 1]));
  }

  number(index: number): number | null {
    if (!this.data || this.offsets) {
      const value = this.vector?.get(index) as number | bigint | null | undefined;
      return value === null || value === undefined ? null : Number(value);
    }
    if (!this.valid(index)) return null;
    const safe = this.safeInteger(index);
    return safe ?? Number(this.values![index]);
  }

  decimal(index: number): string | null {
    if (!this.data || this.offsets) {
      const value = this.vector?.get(index) as bigint | number | null | undefined;
      return value === null || value === undefined ? null : String(value);
    }
    if (!this.valid(index)) return null;
    const safe = this.safeInteger(index);
    return safe !== null ? String(safe) : String(this.values![index]);
  }

  iso(index: number): string | null {
    const ms = this.number(index);
    return ms === null ? null : new Date(ms).toISOString();
  }

  bytes(index: number): Buffer | null {
    if (!this.bytesView) {
      const value = this.vector?.get(index) as Uint8Array | null | undefined;
      return value === null || value === undefined ? null : Buffer.from(value);
    }
    if (!this.valid(index)) return null;
    const start = Number(this.offsets![index]);
    return this.bytesView.subarray(start, Number(this.offsets![index + 1]));
  }

  utf8(index: number): string | null {
    if (!this.bytesView) return this.bytes(index)?.toString('utf8') ?? null;
    if (!this.valid(index)) return null;
    return this.bytesView.toString('utf8', Number(this.offsets![index]), Number(this.offsets![index + 1]));
  }

  /** A 64-bit cell from its two 32-bit words when it lies in [0, 2^52): no BigInt allocated. */
  private safeInteger(index: number): number | null {
    const words = this.words;
    if (!words) return null;
    const high = words[2 * index + 1]!;
    if (high < 0 || high >= 0x100000) return null;
    return high * 0x100000000 + (words[2 * index]! >>> 0);
  }

  private valid(index: number): boolean {
    if (!this.nullBitmap) return true;
    const position = this.bitOffset + index;
    return (this.nullBitmap[position >> 3]! & (1 << (position & 7))) !== 0;
  }
}

export function columnOf(vector: Vector<DataType> | null): ArchiveColumn {
  return new BufferColumn(vector);
}
