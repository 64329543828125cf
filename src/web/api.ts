/** Calls to the chiso HTTP API; uploads go through XMLHttpRequest for progress events. */
import { locale } from './i18n.js';
import type { ApiErrorBody, Comparison, Hierarchy, StoredSubmission, SubmissionSummary } from './types.js';

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) throw new Error((body as ApiErrorBody).error?.message ?? `${response.status}`);
  return body as T;
}

export const api = {
  units: () => getJson<Hierarchy>('/api/units'),
  submissions: () => getJson<{ submissions: SubmissionSummary[] }>('/api/submissions').then((b) => b.submissions),
  /** Problems' messages come in the workbench's language (`?lang`, contract.md). */
  submission: (id: string) => getJson<StoredSubmission>(`/api/submissions/${encodeURIComponent(id)}?lang=${locale()}`),
  compare: (unit: string, from: string, to: string) =>
    getJson<Comparison>(`/api/compare?${new URLSearchParams({ unit, from, to })}`),
  compareXlsxUrl: (unit: string, from: string, to: string) => `/api/compare.xlsx?${new URLSearchParams({ unit, from, to })}`,
  reportUrl: (id: string) => `/api/submissions/${encodeURIComponent(id)}/report.xlsx?lang=${locale()}`,
  inputUrl: (id: string) => `/api/submissions/${encodeURIComponent(id)}/input.xlsx`,
  templateUrl: '/api/template.xlsx',
  /** Who the service takes us for; null when it needs a token we have not given. */
  whoami: async (): Promise<{ mode: string; scope: string } | null> => {
    const response = await fetch('/api/whoami', { headers: { Accept: 'application/json' } });
    return response.status === 401 ? null : response.json();
  },
  /** Sends the token once; the service keeps it in an HttpOnly cookie for every later request and download. */
  signIn: async (token: string): Promise<boolean> => {
    const response = await fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
    return response.ok;
  },
  signOut: () => fetch('/api/session', { method: 'DELETE' }).then(() => undefined),
};

export type UploadResult =
  | { ok: true; submission: StoredSubmission }
  | { ok: false; status: number; error: ApiErrorBody['error'] };

/** POST /api/submissions with the file; `onProgress` gets 0..1 while the bytes go up. */
export function uploadWorkbook(file: File, onProgress: (fraction: number) => void): Promise<UploadResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/submissions?lang=${locale()}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as StoredSubmission | ApiErrorBody | null;
      if (xhr.status >= 200 && xhr.status < 300 && body && 'id' in body) resolve({ ok: true, submission: body });
      else {
        const error = body && 'error' in body ? body.error : { code: 'http', message: `HTTP ${xhr.status}` };
        resolve({ ok: false, status: xhr.status, error });
      }
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, error: { code: 'network', message: 'network error' } });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
