import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadFramework } from '../framework/load.js';
import { writeTemplate } from './writeTemplate.js';

/** The blank templates committed under templates/, one per framework version. */
export const COMMITTED_TEMPLATE_FRAMEWORKS = ['papi-29', 'papi-28'] as const;

export function committedTemplateName(frameworkId: string): string {
  return `chiso-template-${frameworkId}.xlsx`;
}

/** Writes templates/chiso-template-<id>.xlsx for each committed framework; returns the paths. */
export async function writeCommittedTemplates(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const id of COMMITTED_TEMPLATE_FRAMEWORKS) {
    const path = join(dir, committedTemplateName(id));
    await writeTemplate(loadFramework(id), path);
    written.push(path);
  }
  return written;
}
