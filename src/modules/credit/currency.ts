import { z } from 'zod';
import { isCurrency } from '../../platform/money.js';

/** An ISO 4217 code in a path or body, upper-cased. */
export const customerCurrencySchemaFor = (name: string) =>
  z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .refine(isCurrency, `${name} must be an ISO 4217 currency code, e.g. EUR`);
