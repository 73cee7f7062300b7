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
  /** Writing direction: `rtl` for Arabic (the page mirrors, amounts and dates stay left to right inside it). */
  readonly direction: 'ltr' | 'rtl';
  /**
   * Whether this text is the original or a translation, and whether a
   * qualified translator (statsautorisert translatør or equivalent) has
   * checked it. An unchecked translation opens its summary with a notice, in
   * its own language, that the Norwegian text is the one that applies.
   */
  readonly translation: { readonly source: true } | { readonly source: false; readonly checkedByQualifiedTranslator: boolean };
  readonly messages: Catalog;
}

/** A translation no qualified translator has checked: its text says that the Norwegian text applies. */
export const isUnchecked = (translation: LanguagePack['translation']): boolean => !translation.source && !translation.checkedByQualifiedTranslator;
