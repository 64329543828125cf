/**
 * The coded matrix as it streams in: rows go into fixed blocks, and one
 * contiguous Float64Array of exactly the rows read is made at the end. (Growing
 * one array by doubling copied it five times on the way to 20,000 rows and left
 * up to half of it unused: bench/README.md.)
 */
export class RowBlocks {
  private readonly blocks: Float64Array[] = [];
  /** The block being filled, and where its next row starts. */
  block: Float64Array;
  offset = 0;
  private readonly blockLength: number;
  constructor(
    private readonly rowLength: number,
    rowsPerBlock = 4096,
  ) {
    this.blockLength = Math.max(rowLength, 1) * rowsPerBlock;
    this.block = new Float64Array(this.blockLength);
  }
  /** Makes room for one more row at `offset` of `block`. */
  reserveRow(): void {
    if (this.offset + this.rowLength <= this.block.length) return;
    this.blocks.push(this.block);
    this.block = new Float64Array(this.blockLength);
    this.offset = 0;
  }
  /** Every row, in order, in one array (the blocks are let go). */
  finish(): Float64Array {
    if (this.blocks.length === 0) return this.block.subarray(0, this.offset);
    const all = new Float64Array(this.blocks.length * this.blockLength + this.offset);
    let at = 0;
    for (const block of this.blocks) {
      all.set(block, at);
      at += block.length;
    }
    all.set(this.block.subarray(0, this.offset), at);
    this.blocks.length = 0;
    return all;
  }
}
