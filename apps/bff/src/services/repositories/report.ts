// Signed-vs-unsigned reports per tag, as JSON rows and as CSV whose cells cannot run as formulas.
import type { ReportRow } from '@ctp/contracts';
import type { TagRow } from '@ctp/notary';

export const REPORT_COLUMNS = [
  'repository',
  'tag',
  'status',
  'digest',
  'signedDigest',
  'signers',
  'role',
  'lastPushed',
  'contentTrustPull',
  'reason',
] as const satisfies readonly (keyof ReportRow)[];

export function reportRow(repository: string, row: TagRow): ReportRow {
  return {
    repository,
    tag: row.tag,
    status: row.status,
    ...(row.digest ? { digest: row.digest } : {}),
    ...(row.signedDigest ? { signedDigest: row.signedDigest } : {}),
    signers: row.signers,
    ...(row.role ? { role: row.role } : {}),
    ...(row.lastPushed ? { lastPushed: row.lastPushed } : {}),
    contentTrustPull: row.pull.kind === 'signed' ? row.pull.digest : `refused: ${row.pull.message}`,
    ...(row.reason ? { reason: row.reason } : {}),
  };
}

/**
 * One CSV cell (RFC 4180 quoting). A cell a spreadsheet would read as a formula (=, +, -, @, tab, CR
 * first — OWASP's CSV injection list) gets a leading apostrophe, so it shows as text and never runs.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(row: ReportRow): string {
  return (
    REPORT_COLUMNS.map((c) => {
      const v = row[c];
      return csvCell(Array.isArray(v) ? v.join('; ') : (v ?? ''));
    }).join(',') + '\r\n'
  );
}

export const CSV_HEADER = REPORT_COLUMNS.join(',') + '\r\n';
