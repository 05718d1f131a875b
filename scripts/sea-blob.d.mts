// Types of scripts/sea-blob.mjs, for the tests that use it.
export interface BlobAsset {
  name: string;
  content: Buffer;
  /** Where the content starts in the bytes read. */
  from: number;
}
export function readBlob(bytes: Buffer, start?: number): { head: Buffer; assets: BlobAsset[]; end: number } | undefined;
export function findBlob(file: Buffer, blob: Buffer): ({ start: number } & Partial<NonNullable<ReturnType<typeof readBlob>>>) | undefined;
export function alignCaches(blob: Buffer, base?: number): Buffer | undefined;
