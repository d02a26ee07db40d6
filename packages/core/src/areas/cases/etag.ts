import { preconditionFailed, preconditionRequired } from '@ketenhuis/sdk';

/**
 * Weak: the representation of one version differs slightly between callers (links to cases a
 * caller cannot see are left out), so the tag promises the same case, not the same bytes.
 */
export const etagOf = (version: number): string => `W/"${version}"`;

/**
 * The versions an If-Match header names. Tags are compared by version with or without `W/`
 * (the tags are ours, and only ever weak); `*` means "whichever version there is". A tag we
 * never gave out names no version, so it fails like a stale one.
 */
export function ifMatchVersions(header: string | string[] | undefined): Set<number> | '*' | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined || value.trim() === '') return undefined;
  const tags = value.split(',').map((t) => t.trim());
  if (tags.includes('*')) return '*';
  const versions = new Set<number>();
  for (const tag of tags) {
    const m = /^(?:W\/)?"(\d{1,9})"$/.exec(tag);
    if (m) versions.add(Number(m[1]));
  }
  return versions;
}

/** Checks If-Match against the current version: missing → 428, another version → 412. */
export function checkIfMatch(header: string | string[] | undefined, current: number): void {
  const wanted = ifMatchVersions(header);
  // Without it an update could overwrite work its author never saw.
  if (wanted === undefined) throw preconditionRequired('Send If-Match with the ETag of the case as you last read it');
  if (wanted !== '*' && !wanted.has(current)) {
    const err = preconditionFailed('The case changed since you read it; read it again and reapply your change');
    err.headers.ETag = etagOf(current);
    throw err;
  }
}
