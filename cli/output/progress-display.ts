import { Presets, SingleBar } from "cli-progress";
import type { FetchSummary } from "../../shared/use-cases/fetch-changes";
import type { CycleProgress } from "../local/run-local-cycle";

/**
 * Progress on stderr (stdout carries the summary, so it can be piped): a bar on a terminal, plain
 * lines otherwise (CI logs, pipes).
 */
export function createProgressDisplay(stream: NodeJS.WriteStream = process.stderr): CycleProgress & { stop(): void } {
  const interactive = stream.isTTY === true;
  let bar: SingleBar | undefined;
  let lastPlain = -1;
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    fetchStarted() {
      stream.write("Fetching changes from Jortt…\n");
    },
    fetchFinished(summary: FetchSummary) {
      const { counts } = summary;
      stream.write(
        `Fetch ${summary.status}: ${counts.customersScanned} customers and ${counts.invoicesScanned} invoices scanned, ` +
          `${counts.enqueued} changed and queued, ${counts.unchanged} unchanged.\n`,
      );
    },
    syncProgress(done: number, total: number) {
      if (total === 0) return;
      if (interactive) {
        if (!bar) {
          bar = new SingleBar(
            {
              stream,
              format: "Syncing to Salesforce [{bar}] {value}/{total} records | {eta_formatted}",
              hideCursor: true,
            },
            Presets.shades_classic,
          );
          bar.start(total, 0);
        }
        bar.update(done);
        if (done >= total) stop();
        return;
      }
      if (done !== lastPlain) {
        lastPlain = done;
        stream.write(`Syncing to Salesforce: ${done}/${total} records\n`);
      }
    },
    stop,
  };
}
