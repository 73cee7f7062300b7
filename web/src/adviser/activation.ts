/**
 * The adviser's side of the activation path (participants without ID-porten
 * yet; docs/deploy.md): make a one-time activation code, shown once (only its
 * hash is kept, and the page forgets it when another participant is opened),
 * see the participant's bound phones and end them.
 */
import type { Api } from '../lib/api.js';
import { h, type Child } from '../lib/dom.js';
import type { Lang } from '../lib/i18n.js';

interface Device {
  bindingId: string;
  createdAt: string;
  expiresAt: string;
  active: boolean;
  revokedAt?: string;
  revokedBy?: string;
}

// nb and en; other page languages fall back to nb.
const TEXT: Record<'nb' | 'en', Record<'title' | 'lead' | 'make' | 'code' | 'none' | 'device' | 'ended' | 'revoke' | 'revoked', string>> = {
  nb: {
    title: 'Aktiveringskode for appen',
    lead: 'For deltakere uten ID-porten ennå: koden gjelder i 15 minutter, én gang, på én telefon. Telefonen er logget inn i høyst 90 dager, til deltakeren logger inn med ID-porten eller du avslutter den.',
    make: 'Lag aktiveringskode',
    code: 'Aktiveringskode (vises bare nå): {code} – gyldig til {until}',
    none: 'Ingen telefon er koblet til.',
    device: 'Telefon koblet til {from}, gyldig til {until}',
    ended: 'Telefon koblet til {from}, avsluttet {at}',
    revoke: 'Avslutt alle telefoner',
    revoked: 'Avsluttet: {n}',
  },
  en: {
    title: 'Activation code for the app',
    lead: 'For participants without ID-porten yet: the code is valid for 15 minutes, once, on one phone. The phone stays signed in for at most 90 days, until the participant signs in with ID-porten or you end it.',
    make: 'Make activation code',
    code: 'Activation code (shown only now): {code} – valid until {until}',
    none: 'No phone is bound.',
    device: 'Phone bound {from}, valid until {until}',
    ended: 'Phone bound {from}, ended {at}',
    revoke: 'End all phones',
    revoked: 'Ended: {n}',
  },
};

const fill = (s: string, v: Record<string, string | number>): string => s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));
const when = (iso: string, lang: Lang): string => new Date(iso).toLocaleString(lang === 'nb' ? 'nb-NO' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Oslo' });

export interface ActivationSection {
  /** Forget the shown code and load the participant's devices. */
  load(participantId: string): Promise<void>;
  view(participantId: string, lang: Lang): Child[];
}

export function activationSection(api: Api, guarded: (fn: () => Promise<void>) => Promise<void>): ActivationSection {
  let shown: { participantId: string; code: string; expiresAt: string } | undefined;
  let devices: { participantId: string; list: Device[] } | undefined;
  let note = '';
  const path = (id: string) => `/participants/${encodeURIComponent(id)}`;
  const load = async (id: string): Promise<void> => {
    shown = undefined;
    note = '';
    devices = { participantId: id, list: (await api.get<{ devices: Device[] }>(`${path(id)}/device-bindings`)).devices };
  };
  return {
    load,
    view: (id, lang) => {
      const tx = TEXT[lang as 'nb' | 'en'] ?? TEXT.nb;
      const list = devices?.participantId === id ? devices.list : [];
      return [
        h('h3', {}, tx.title),
        h(
          'section',
          { class: 'card', 'data-activation': id },
          h('p', { class: 'muted' }, tx.lead),
          h(
            'button',
            {
              type: 'button',
              'data-do': 'activation-code',
              onclick: () =>
                void guarded(async () => {
                  const r = await api.send<{ code: string; expiresAt: string }>('POST', `${path(id)}/activation-codes`);
                  shown = { participantId: id, code: r.code, expiresAt: r.expiresAt };
                }),
            },
            tx.make,
          ),
          shown?.participantId === id ? h('p', { class: 'ok', role: 'status', 'data-activation-code': shown.code }, fill(tx.code, { code: shown.code, until: when(shown.expiresAt, lang) })) : '',
          list.length === 0 ? h('p', {}, tx.none) : '',
          h(
            'ul',
            {},
            list.map((d) =>
              h('li', { 'data-device': d.bindingId, 'data-active': String(d.active) }, d.active ? fill(tx.device, { from: when(d.createdAt, lang), until: when(d.expiresAt, lang) }) : fill(tx.ended, { from: when(d.createdAt, lang), at: when(d.revokedAt ?? d.expiresAt, lang) })),
            ),
          ),
          list.some((d) => d.active)
            ? h(
                'button',
                {
                  type: 'button',
                  'data-do': 'revoke-devices',
                  onclick: () =>
                    void guarded(async () => {
                      const r = await api.send<{ revoked: number }>('DELETE', `${path(id)}/device-bindings`);
                      await load(id);
                      note = fill(tx.revoked, { n: r.revoked });
                    }),
                },
                tx.revoke,
              )
            : '',
          note !== '' ? h('p', { role: 'status' }, note) : '',
        ),
      ];
    },
  };
}
