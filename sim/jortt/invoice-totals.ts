import { type Cents, multiplyCents, sumCents, type VatBasisPoints, vatOnCents } from "../../shared/domain/money";

export interface TotalsLine {
  /** Exact decimal string. */
  quantity: string;
  unitCents: Cents;
  vatBasisPoints: VatBasisPoints;
}

export interface InvoiceTotals {
  lineTotals: Cents[];
  netCents: Cents;
  vatCents: Cents;
  grossCents: Cents;
}

/** Rounded integer division, half away from zero. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const quotient = (n * 2n + denominator) / (denominator * 2n);
  return negative ? -quotient : quotient;
}

function discountFactor(percentage: number): string {
  const remaining = Math.max(0, 100 - Math.round(percentage));
  return `${Math.floor(remaining / 100)}.${String(remaining % 100).padStart(2, "0")}`;
}

/**
 * Totals the way Jortt's v3 invoices compute them (`invoice_level_vat`): line totals are
 * quantity × unit price rounded to cents; VAT is computed once per rate on the summed net of
 * that rate. With `netAmounts` the prices include VAT and the net is derived per rate.
 */
export function computeInvoiceTotals(
  lines: readonly TotalsLine[],
  options: { netAmounts?: boolean; discountPercentages?: readonly number[] } = {},
): InvoiceTotals {
  const lineTotals = lines.map((line) => multiplyCents(line.unitCents, line.quantity));
  const byRate = new Map<VatBasisPoints, Cents>();
  lines.forEach((line, index) => {
    byRate.set(line.vatBasisPoints, (byRate.get(line.vatBasisPoints) ?? 0) + (lineTotals[index] ?? 0));
  });
  let netCents = 0;
  let vatCents = 0;
  for (const [rate, rawAmount] of byRate) {
    let amount = rawAmount;
    for (const percentage of options.discountPercentages ?? [])
      amount = multiplyCents(amount, discountFactor(percentage));
    if (options.netAmounts) {
      const net = Number(divideRounded(BigInt(amount) * 10_000n, BigInt(10_000 + rate)));
      netCents += net;
      vatCents += amount - net;
    } else {
      netCents += amount;
      vatCents += vatOnCents(amount, rate);
    }
  }
  return { lineTotals, netCents, vatCents, grossCents: sumCents([netCents, vatCents]) };
}
