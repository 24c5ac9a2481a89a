import { Console } from "node:console";

/**
 * Points Powertools Logger/Metrics instances at another stream. Both keep a private Node `Console`
 * bound to stdout (Lambda ships stdout to CloudWatch); the local runtime wants the terminal for
 * progress and the summary, and the JSON logs and EMF lines in a file. Returns the undo.
 */
export function redirectPowertoolsOutput(instances: readonly object[], stream: NodeJS.WritableStream): () => void {
  const fileConsole = new Console({ stdout: stream, stderr: stream });
  const holders = instances as unknown as { console: Console }[];
  const previous = holders.map((holder) => holder.console);
  for (const holder of holders) holder.console = fileConsole;
  return () => {
    holders.forEach((holder, index) => {
      const original = previous[index];
      if (original) holder.console = original;
    });
  };
}
