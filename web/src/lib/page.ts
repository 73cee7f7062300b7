/** The bar at the top of every signed-in page: brand, who is signed in (staff), language switch, sign-out. */
import { h } from './dom.js';
import type { RoleName } from './session.js';
import { signOutEverywhere } from './session.js';

export function signedInHeader(role: RoleName, switcher: HTMLElement, signOutLabel: string, username?: string): HTMLElement {
  return h(
    'header',
    { class: 'bar' },
    h('span', { class: 'brand' }, 'Introflyt'),
    username === undefined ? '' : h('span', { class: 'muted' }, username),
    switcher,
    h('button', { type: 'button', class: 'link', id: 'sign-out', onclick: () => void signOutEverywhere(role) }, signOutLabel),
  );
}
