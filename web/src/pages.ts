/** The pages the build produces and the local server serves at /<name>/ (infra/local/start.ts prints them). */
export const PAGES = {
  kiosk: { title: 'Introflyt – kiosk', description: 'Check in and out at the learning centre' },
  participant: { title: 'Introflyt – deltaker', description: 'Your attendance, payout and explanation' },
  adviser: { title: 'Introflyt – rådgiver', description: 'Participants, documents and decisions' },
  payroll: { title: 'Introflyt – lønn', description: 'Payroll runs: progress, review, approval, export' },
  admin: { title: 'Introflyt – administrasjon', description: 'Anonymised statistics and the NIR report' },
} as const;
export type PageName = keyof typeof PAGES;
