/** The sign-in dialog for services that require access tokens (chiso serve on a non-loopback address). */
import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

/** Shows the dialog; resolves true once a token was accepted, false when cancelled. */
export function askForToken(): Promise<boolean> {
  return new Promise((resolve) => {
    const input = h('input', { type: 'password', id: 'token-input', autocomplete: 'off', spellcheck: 'false', class: 'palette-input' });
    const message = h('p', { class: 'signin-error', role: 'alert' });
    const close = (accepted: boolean) => {
      overlay.remove();
      resolve(accepted);
    };
    const submit = async (e: Event) => {
      e.preventDefault();
      const token = input.value.trim();
      if (token && (await api.signIn(token))) close(true);
      else {
        message.textContent = t('signInFailed');
        input.select();
      }
    };
    const form = h('form', { class: 'signin palette', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'signin-title', onsubmit: submit },
      h('h2', { id: 'signin-title' }, t('signInTitle')),
      h('p', {}, t('signInHint')),
      h('label', { for: 'token-input' }, t('tokenLabel')),
      input,
      message,
      h('div', { class: 'signin-actions' },
        h('button', { type: 'submit', class: 'button' }, t('signInButton')),
        h('button', { type: 'button', class: 'button secondary', onclick: () => close(false) }, t('cancel'))));
    form.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Escape') close(false);
    });
    const overlay = h('div', { class: 'signin-overlay' }, form);
    document.body.append(overlay);
    input.focus();
  });
}
