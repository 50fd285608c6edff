// The typed error every exam rule throws for impossible input (the HTTP layer validates first).

/**
 * Thrown by the pure rule functions when the input cannot describe a real situation: a grade
 * outside 1–10, a weight of 0, an unknown level, a negative number of working days. `field`
 * names the offending input (e.g. `parts.2.weight`) so a caller can point at it; the message is
 * Dutch, so it may be shown as it is.
 */
export class RuleInputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "RuleInputError";
  }
}
