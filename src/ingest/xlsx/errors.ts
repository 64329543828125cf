/**
 * Typed failures of the xlsx reader. Each carries the stable problem code ingest
 * reports, so a hostile or damaged file becomes a located diagnostic, never a crash.
 */
export class XlsxError extends Error {
  constructor(
    /** The Problem code (contract.md): uncompressed-too-large, xml-doctype, too-many-cells, corrupt-workbook. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'XlsxError';
  }
}

/** A part inflated past the limit; the central directory may have declared less (a zip bomb). */
export function tooLarge(part: string, limit: number, declared?: number): XlsxError {
  const says = declared === undefined ? '' : ` (it declares ${declared})`;
  return new XlsxError('uncompressed-too-large', `part ${part} inflates past ${limit} bytes${says}; the limit is ${limit} — a zip bomb or a damaged file`);
}

/** The parts together inflate past the workbook limit, though each stays under its own. */
export function totalTooLarge(limit: number): XlsxError {
  return new XlsxError('uncompressed-too-large', `the workbook inflates past ${limit} bytes (its parts declare less); the limit is ${limit} — a zip bomb or a damaged file`);
}

/** Excel never writes a DOCTYPE; one could declare entities (billion laughs), so the file is refused. */
export function doctype(part: string): XlsxError {
  return new XlsxError('xml-doctype', `part ${part} declares a DOCTYPE or ENTITY (as in a "billion laughs" attack); Excel never writes one, so chiso does not read this file`);
}

export function corrupt(part: string, why: string): XlsxError {
  return new XlsxError('corrupt-workbook', `the workbook is damaged (${part}: ${why}); open it in Excel and save it again`);
}
