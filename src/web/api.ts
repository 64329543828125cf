/** Calls to the chiso HTTP API; uploads go through XMLHttpRequest for progress events. */
import { locale, t } from './i18n.js';
import type { ApiErrorBody, Comparison, Hierarchy, StoredSubmission, SubmissionSummary, UnitHistory } from './types.js';

/**
 * Every API address the workbench uses, with `lang` set to the workbench's language: messages,
 * problems and downloads (reports, templates, comparisons, leagues) then come in it, whichever
 * call it is (contract.md, `?lang`). Nothing in src/web writes an /api/ address by hand
 * (test/web/api-lang.test.ts checks both).
 */
export function apiUrl(path: string, params: Record<string, string> = {}): string {
  return `${path}?${new URLSearchParams({ ...params, lang: locale() })}`;
}

/**
 * What the workbench says when there is no chiso answer to show: the server could not be reached
 * (the browser's own wording, "Failed to fetch", is English), or something in between (a proxy's
 * 502 page) answered without chiso's JSON error. In the workbench's language, like the service's.
 */
export const failure = {
  network: (): ApiErrorBody['error'] => ({ code: 'network', message: t('networkFailed') }),
  status: (status: number): ApiErrorBody['error'] => ({ code: 'http', message: t('serverFailed').replace('{status}', String(status)) }),
};

/** fetch, with an unreachable server said as failure.network() instead of the browser's own error. */
async function reach(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    throw new Error(failure.network().message);
  }
}

/** GET a JSON answer; a refusal throws with the service's message, or failure's when there is none. */
export async function getJson<T>(url: string): Promise<T> {
  const response = await reach(url, { headers: { Accept: 'application/json' } });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok || body === undefined) throw new Error((body as ApiErrorBody | undefined)?.error?.message ?? failure.status(response.status).message);
  return body as T;
}

/** GET the bytes of a download (the workbook an upload stored); failures as getJson's. */
export async function getBytes(url: string): Promise<ArrayBuffer> {
  const response = await reach(url);
  if (!response.ok) throw new Error(failure.status(response.status).message);
  return response.arrayBuffer();
}

export const api = {
  units: () => getJson<Hierarchy>(apiUrl('/api/units')),
  submissions: () => getJson<{ submissions: SubmissionSummary[] }>(apiUrl('/api/submissions')).then((b) => b.submissions),
  submission: (id: string) => getJson<StoredSubmission>(apiUrl(`/api/submissions/${encodeURIComponent(id)}`)),
  history: (unit: string) => getJson<UnitHistory>(apiUrl(`/api/units/${encodeURIComponent(unit)}/history`)),
  compare: (unit: string, from: string, to: string) => getJson<Comparison>(apiUrl('/api/compare', { unit, from, to })),
  compareXlsxUrl: (unit: string, from: string, to: string) => apiUrl('/api/compare.xlsx', { unit, from, to }),
  reportUrl: (id: string) => apiUrl(`/api/submissions/${encodeURIComponent(id)}/report.xlsx`),
  inputUrl: (id: string) => apiUrl(`/api/submissions/${encodeURIComponent(id)}/input.xlsx`),
  /** A function, not a constant: the language can change after the page loaded. */
  templateUrl: () => apiUrl('/api/template.xlsx'),
  /** Who the service takes us for; null when it needs a token we have not given. */
  whoami: async (): Promise<{ mode: string; scope: string } | null> => {
    const response = await fetch(apiUrl('/api/whoami'), { headers: { Accept: 'application/json' } });
    return response.status === 401 ? null : response.json();
  },
  /** Sends the token once; the service keeps it in an HttpOnly cookie for every later request and download. */
  signIn: async (token: string): Promise<boolean> => {
    const response = await fetch(apiUrl('/api/session'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
    return response.ok;
  },
  signOut: () => fetch(apiUrl('/api/session'), { method: 'DELETE' }).then(() => undefined),
};

export type UploadResult =
  | { ok: true; submission: StoredSubmission }
  | { ok: false; status: number; error: ApiErrorBody['error'] };

/** POST /api/submissions with the file; `onProgress` gets 0..1 while the bytes go up. */
export function uploadWorkbook(file: File, onProgress: (fraction: number) => void): Promise<UploadResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl('/api/submissions'));
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as StoredSubmission | ApiErrorBody | null;
      if (xhr.status >= 200 && xhr.status < 300 && body && 'id' in body) resolve({ ok: true, submission: body });
      else {
        const error = body && 'error' in body ? body.error : failure.status(xhr.status);
        resolve({ ok: false, status: xhr.status, error });
      }
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, error: failure.network() });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
