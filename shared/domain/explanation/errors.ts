/**
 * Why an explanation cannot be rendered. Each error has a stable code and a
 * message naming the value at fault; nothing is rendered half-way.
 */
export type ExplanationErrorCode =
  | 'UNKNOWN_LANGUAGE' // no catalogue for the requested language
  | 'INVALID_AMOUNT' // an amount that is not a whole number of øre
  | 'INVALID_DATE' // a date that is not a calendar date YYYY-MM-DD
  | 'INVALID_MINUTES' // a duration that is not a whole number of minutes ≥ 0
  | 'INVALID_DECISION' // a decision or context missing something the text needs
  | 'INVALID_TEXT' // a person's text (a reason, a reference) that is empty, too long or not one line
  | 'UNKNOWN_MESSAGE' // a status, reason or category value with no message
  | 'MISSING_ARGUMENT'; // a message formatted without an argument it needs (a defect in the renderer)

export class ExplanationError extends Error {
  readonly code: ExplanationErrorCode;
  constructor(code: ExplanationErrorCode, message: string) {
    super(message);
    this.name = 'ExplanationError';
    this.code = code;
  }
}
