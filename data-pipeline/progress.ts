/** Terminal progress for long pipeline work: one bar per step, or plain lines when not a TTY (CI, logs). */
import cliProgress from 'cli-progress';

export interface ProgressReporter {
  update(step: string, fraction: number): void;
  done(): void;
}

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  let bar: cliProgress.SingleBar | undefined;
  let current = '';
  const finishStep = () => {
    if (bar) {
      bar.update(100);
      bar.stop();
      bar = undefined;
    }
  };
  return {
    update(step, fraction) {
      const pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
      if (step !== current) {
        finishStep();
        current = step;
        if (stream.isTTY) {
          bar = new cliProgress.SingleBar(
            { format: `${step.padEnd(34)} [{bar}] {percentage}%`, stream, hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(100, pct);
        } else {
          stream.write(`… ${step}\n`);
        }
        return;
      }
      bar?.update(pct);
    },
    done: finishStep,
  };
}
