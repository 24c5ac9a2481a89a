/** Jortt-style invoice numbers `YYYYMM-NNN` (observed `202009-226`), counted per month. */
export class InvoiceNumbers {
  private readonly lastByMonth = new Map<string, number>();

  /** The next number for an invoice dated `invoiceDate` (YYYY-MM-DD). */
  next(invoiceDate: string): string {
    const month = invoiceDate.slice(0, 4) + invoiceDate.slice(5, 7);
    const counter = (this.lastByMonth.get(month) ?? 0) + 1;
    this.lastByMonth.set(month, counter);
    return `${month}-${String(counter).padStart(3, "0")}`;
  }

  /** Records an existing number so new ones continue after it. */
  observe(invoiceNumber: string): void {
    const match = /^(\d{6})-(\d+)$/.exec(invoiceNumber);
    if (!match) return;
    const month = match[1] as string;
    const counter = Number(match[2]);
    if (counter > (this.lastByMonth.get(month) ?? 0)) this.lastByMonth.set(month, counter);
  }
}
