/**
 * The shape of a message catalogue (explanations.md "Built from data, rendered
 * per language"). The English catalogue is the reference: its keys are the
 * message ids, so a language file that lacks a key, or has one too many, does
 * not type-check.
 */
import type { enMessages } from './en.js';

export type MessageId = keyof typeof enMessages;

/** ICU MessageFormat strings keyed by message id. */
export type Catalog = { readonly [K in MessageId]: string };

/** One language: its messages and the locales its numbers and dates are formatted with. */
export interface LanguagePack {
  /** The `lang` of the API (`?lang=nb`) and the key of `Decision.explanation`. */
  readonly lang: string;
  /** BCP 47 locale for plural rules, lists, dates and month names. */
  readonly locale: string;
  /**
   * Locale of the amounts. Norwegian for every language: the participant's
   * payslip and bank show Norwegian kroner in Norwegian style
   * (explanations.md: "Norwegian number, date and currency formatting").
   */
  readonly numberLocale: string;
  /** Written before a formatted amount (a currency code, not prose). */
  readonly currencyPrefix: string;
  readonly messages: Catalog;
}
