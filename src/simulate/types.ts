/** The shapes every estimate shares: a number with the formula and the inputs that produced it. */

export interface Quantity {
  bytes: number;
  /** How the number was computed, in words and symbols a DBA can check. */
  formula: string;
  /** The values that went into the formula. */
  inputs: Record<string, number | string | boolean>;
}
