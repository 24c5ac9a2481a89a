import type { SyncError } from "../../errors/sync-error";
import type { CollectionWrite, SalesforceGateway, WriteOutcome, WriteResult } from "../../ports/salesforce-gateway";
import { chunkList, MAX_COLLECTION_SIZE } from "./chunk-list";
import { classifyRecordErrors } from "./classify-salesforce-error";
import { type CompositeSubrequest, MAX_COMPOSITE_COLLECTION_OR_QUERY } from "./composite-request";
import { isRecordId } from "./record-id";
import type { SalesforceClientPort } from "./salesforce-client";
import { parseSaveResults } from "./save-results";

/** One ≤200-record piece of a write: one Collections subrequest. */
interface Piece {
  writeIndex: number;
  /** Input indexes of the write this piece carries. */
  indexes: number[];
  subrequest: CompositeSubrequest;
  objectType: string | undefined;
  keys: string[];
  /** Deleting a row that is already gone counts as done (a re-run is harmless). */
  acceptDeleted: boolean;
}

/**
 * The SalesforceGateway the use cases take, over the Salesforce adapter, adding `writeCollections`:
 * consecutive Collections writes (≤200 records each piece) sent as subrequests of one Composite
 * call (≤5 Collections subrequests, one API call) instead of one call each. A batch's Accounts,
 * Contacts, Orders and OrderItems thus cost one call. Subrequests run in order, so records can
 * name parents written by an earlier subrequest by external id. allOrNone is false: each record
 * reports its own outcome. A group holding a single piece is sent as a plain Collections call
 * (same cost, with the adapter's per-record retries).
 */
export class CompositeCollectionsGateway implements SalesforceGateway {
  constructor(private readonly client: SalesforceClientPort) {}

  upsertRecords(
    objectType: string,
    externalIdField: string,
    records: Parameters<SalesforceGateway["upsertRecords"]>[2],
  ) {
    return this.client.upsertRecords(objectType, externalIdField, records);
  }

  updateRecords(objectType: string, records: Parameters<SalesforceGateway["updateRecords"]>[1]) {
    return this.client.updateRecords(objectType, records);
  }

  createRecords(objectType: string, records: Parameters<SalesforceGateway["createRecords"]>[1]) {
    return this.client.createRecords(objectType, records);
  }

  deleteRecords(ids: readonly string[]) {
    return this.client.deleteRecords(ids);
  }

  query<T>(soql: string): Promise<T[]> {
    return this.client.query<T>(soql);
  }

  queryIn<T>(values: Iterable<string>, buildSoql: (inList: string) => string): Promise<T[]> {
    return this.client.queryIn<T>(values, buildSoql);
  }

  describe(objectType: string) {
    return this.client.describe(objectType);
  }

  apiUsage() {
    return this.client.apiUsage();
  }

  get callCount(): number {
    return this.client.callCount;
  }

  async writeCollections(writes: readonly CollectionWrite[]): Promise<WriteResult[]> {
    const outcomes: (WriteOutcome | undefined)[][] = writes.map((write) => new Array(sizeOf(write)).fill(undefined));
    const stopped: (SyncError | undefined)[] = writes.map(() => undefined);
    const pieces = writes.flatMap((write, writeIndex) => piecesOf(write, writeIndex, outcomes[writeIndex] ?? []));
    const groups = chunkList(pieces, MAX_COMPOSITE_COLLECTION_OR_QUERY);
    for (const [groupIndex, group] of groups.entries()) {
      const failure = await this.sendGroup(group, writes, outcomes, stopped);
      if (failure) {
        // A whole call failed (rate limit, configuration, retries used up): nothing later is sent.
        for (const later of groups.slice(groupIndex).flat()) {
          stopped[later.writeIndex] = failure;
          for (const index of later.indexes) {
            const row = outcomes[later.writeIndex];
            if (row && !row[index]) row[index] = { ok: false, error: failure };
          }
        }
        break;
      }
    }
    return writes.map((_, writeIndex) => ({
      outcomes: (outcomes[writeIndex] ?? []).map((outcome) => outcome ?? { ok: false as const, error: missing() }),
      ...(stopped[writeIndex] ? { stopped: stopped[writeIndex] } : {}),
    }));
  }

  /** Returns the error of a whole call that failed; per-record and per-subrequest failures are recorded. */
  private async sendGroup(
    group: readonly Piece[],
    writes: readonly CollectionWrite[],
    outcomes: (WriteOutcome | undefined)[][],
    stopped: (SyncError | undefined)[],
  ): Promise<SyncError | undefined> {
    const [single] = group;
    if (group.length === 1 && single) return this.sendPlain(single, writes, outcomes, stopped);
    let results: Awaited<ReturnType<SalesforceClientPort["composite"]>>;
    try {
      results = await this.client.composite(
        group.map((piece) => piece.subrequest),
        { allOrNone: false, idempotent: true },
      );
    } catch (error) {
      return error as SyncError;
    }
    for (const [position, piece] of group.entries()) {
      const result = results[position];
      const row = outcomes[piece.writeIndex] ?? [];
      if (!result?.ok) {
        const error = result && !result.ok ? result.error : missing();
        stopped[piece.writeIndex] = error;
        for (const index of piece.indexes) row[index] = { ok: false, error };
        continue;
      }
      let saveResults: ReturnType<typeof parseSaveResults>;
      try {
        saveResults = parseSaveResults(result.body, piece.indexes.length, piece.objectType);
      } catch (error) {
        for (const index of piece.indexes) row[index] = { ok: false, error: error as SyncError };
        continue;
      }
      piece.indexes.forEach((index, at) => {
        const saved = saveResults[at];
        const key = piece.keys[at] ?? "";
        const deletedAlready =
          piece.acceptDeleted &&
          (saved?.errors ?? []).some((e) => (e.statusCode ?? e.errorCode) === "ENTITY_IS_DELETED");
        if (saved?.success || deletedAlready) {
          row[index] = { ok: true, id: saved?.id ?? key, created: saved?.created ?? false };
        } else {
          row[index] = {
            ok: false,
            error: classifyRecordErrors(saved?.errors ?? [], {
              scope: "record",
              recordKey: key,
              ...(piece.objectType ? { object: piece.objectType } : {}),
            }),
          };
        }
      });
    }
    return undefined;
  }

  private async sendPlain(
    piece: Piece,
    writes: readonly CollectionWrite[],
    outcomes: (WriteOutcome | undefined)[][],
    stopped: (SyncError | undefined)[],
  ): Promise<SyncError | undefined> {
    const write = writes[piece.writeIndex] as CollectionWrite;
    const result = await sendWrite(this.client, write, piece.indexes);
    const row = outcomes[piece.writeIndex] ?? [];
    piece.indexes.forEach((index, at) => {
      row[index] = result.outcomes[at] ?? { ok: false, error: result.stopped ?? missing() };
    });
    if (result.stopped) stopped[piece.writeIndex] = result.stopped;
    return result.stopped;
  }
}

function sizeOf(write: CollectionWrite): number {
  return write.operation === "delete" ? write.ids.length : write.records.length;
}

/** Splits a write into ≤200-record subrequests; records that cannot be sent fail here, unsent. */
function piecesOf(write: CollectionWrite, writeIndex: number, row: (WriteOutcome | undefined)[]): Piece[] {
  const sendable: { index: number; key: string; body: unknown }[] = [];
  const reject = (index: number, code: string, detail: string) => {
    row[index] = {
      ok: false,
      error: classifyRecordErrors([{ statusCode: code, message: detail }], {
        scope: "record",
        ...(write.operation === "delete" ? {} : { object: write.objectType }),
      }),
    };
  };
  if (write.operation === "delete") {
    write.ids.forEach((id, index) => {
      if (isRecordId(id)) sendable.push({ index, key: id, body: id });
      else reject(index, "MALFORMED_ID", "not a record id");
    });
  } else {
    for (const [index, record] of write.records.entries()) {
      const { attributes: _attributes, Id, ...fields } = record;
      const attributes = { type: write.objectType };
      const key = write.operation === "update" ? Id : fields[write.externalIdField];
      if (write.operation === "update" && !(typeof Id === "string" && isRecordId(Id))) {
        reject(index, "RECORD_ID_MISSING", "no valid Id");
      } else if (typeof key !== "string" || key.trim() === "") {
        reject(index, "UPSERT_KEY_MISSING", "empty external id");
      } else if (write.operation === "upsert" && Id !== undefined && Id !== null && Id !== "") {
        reject(index, "UPSERT_RECORD_HAS_ID", "the record carries an Id");
      } else {
        const body = write.operation === "update" ? { attributes, id: key, ...fields } : { attributes, ...fields };
        sendable.push({ index, key, body });
      }
    }
  }
  return chunkList(sendable, MAX_COLLECTION_SIZE).map((chunk, chunkIndex) => ({
    writeIndex,
    indexes: chunk.map((entry) => entry.index),
    keys: chunk.map((entry) => entry.key),
    objectType: write.operation === "delete" ? undefined : write.objectType,
    acceptDeleted: write.operation === "delete",
    subrequest: subrequestOf(
      write,
      chunk.map((entry) => entry.body),
      `w${writeIndex}_${chunkIndex}`,
    ),
  }));
}

function subrequestOf(write: CollectionWrite, bodies: unknown[], referenceId: string): CompositeSubrequest {
  switch (write.operation) {
    case "upsert":
      return {
        method: "PATCH",
        url: `/composite/sobjects/${write.objectType}/${write.externalIdField}`,
        referenceId,
        body: { allOrNone: false, records: bodies },
      };
    case "update":
      return { method: "PATCH", url: "/composite/sobjects", referenceId, body: { allOrNone: false, records: bodies } };
    case "delete":
      return { method: "DELETE", url: `/composite/sobjects?ids=${bodies.join(",")}&allOrNone=false`, referenceId };
  }
}

/** The part of a write at `indexes`, as a plain Collections call of the adapter. */
async function sendWrite(
  client: SalesforceClientPort,
  write: CollectionWrite,
  indexes: readonly number[],
): Promise<WriteResult> {
  switch (write.operation) {
    case "upsert":
      return client.upsertRecords(
        write.objectType,
        write.externalIdField,
        indexes.map((i) => write.records[i] ?? {}),
      );
    case "update":
      return client.updateRecords(
        write.objectType,
        indexes.map((i) => write.records[i] ?? {}),
      );
    case "delete":
      return client.deleteRecords(indexes.map((i) => write.ids[i] ?? ""));
  }
}

function missing(): SyncError {
  return classifyRecordErrors([{ statusCode: "UNEXPECTED_RESPONSE", message: "no result for this record" }], {
    scope: "record",
  });
}
