/** Ledger input the core cannot use (a bad serial, quantity, share or rule): answered 422. */
import { ModelInputError } from '../core/errors.ts';

export class LedgerInputError extends ModelInputError {
  constructor(detail: string, code = 'ledger_input') {
    super({ code, title: 'Invalid ledger input', detail });
  }
}
