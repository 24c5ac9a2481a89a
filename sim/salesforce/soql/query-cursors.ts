import { randomBytes } from "node:crypto";

/** Server-side query cursors: the rest of a result, served page by page at `/query/{cursor}-{offset}`. */
interface Cursor {
  records: Array<Record<string, unknown>>;
  totalSize: number;
  createdAt: number;
}

const MAX_CURSORS = 200;
const CURSOR_TTL_MS = 15 * 60 * 1000;

export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();

  create(records: Array<Record<string, unknown>>, totalSize: number): string {
    this.evict();
    const id = `01g${randomBytes(9).toString("base64url").replace(/[-_]/g, "0").slice(0, 12)}`;
    this.cursors.set(id, { records, totalSize, createdAt: Date.now() });
    return id;
  }

  get(id: string): Cursor | undefined {
    const cursor = this.cursors.get(id);
    if (cursor && Date.now() - cursor.createdAt > CURSOR_TTL_MS) {
      this.cursors.delete(id);
      return undefined;
    }
    return cursor;
  }

  clear(): void {
    this.cursors.clear();
  }

  private evict(): void {
    while (this.cursors.size >= MAX_CURSORS) {
      const oldest = this.cursors.keys().next().value;
      if (oldest === undefined) return;
      this.cursors.delete(oldest);
    }
  }
}
