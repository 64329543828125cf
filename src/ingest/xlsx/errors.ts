import { codeOf, type Code, type MessageId, type ParamsOf, type ParamValue, type Text } from '../../diagnostics/catalogue.js';
import type { Reason } from '../../diagnostics/reasons.js';
import { problem, render, type Problem } from '../../diagnostics/problem.js';

/**
 * Typed failures of the xlsx reader. Each carries a catalogue message (code and
 * parameters), so a hostile or damaged file becomes a located diagnostic, never a crash.
 */
export class XlsxError extends Error {
  /** The Problem code (contract.md): uncompressed-too-large, xml-doctype, too-many-cells, corrupt-workbook. */
  readonly code: Code;
  constructor(
    readonly id: MessageId,
    readonly params: Readonly<Record<string, ParamValue>>,
  ) {
    super(render(id, params as never, 'en'));
    this.name = 'XlsxError';
    this.code = codeOf(id);
  }

  problem(file: string): Problem {
    return problem(this.id, this.params as never, { file });
  }

  /** The message in both languages, for a message that quotes it as its reason (registry-unreadable). */
  text(): Text {
    return { vi: render(this.id, this.params as never, 'vi'), en: render(this.id, this.params as never, 'en') };
  }
}

/** An XlsxError whose parameters the compiler checks against the catalogue. */
export function xlsxError<Id extends MessageId>(id: Id, params: ParamsOf<Id>): XlsxError {
  return new XlsxError(id, params);
}

/** A part inflated past the limit; the central directory may have declared less (a zip bomb). */
export function tooLarge(part: string, limit: number, declared: number): XlsxError {
  return xlsxError('uncompressed-too-large.part-streamed', { part, limit, declared });
}

/** The parts together inflate past the workbook limit, though each stays under its own. */
export function totalTooLarge(limit: number): XlsxError {
  return xlsxError('uncompressed-too-large.total-streamed', { limit });
}

/** Excel never writes a DOCTYPE; one could declare entities (billion laughs), so the file is refused. */
export function doctype(part: string): XlsxError {
  return xlsxError('xml-doctype', { part });
}

/** A damaged part: the reason has a code and both languages (diagnostics/reasons.ts). */
export function corrupt(part: string, why: Reason): XlsxError {
  return xlsxError('corrupt-workbook.xml', { part, reason: why });
}
