import { clampProgress, formatProgress } from '../../tasks/task-format';

/** Percent done as text, with a bar that only repeats it for the eye. */
export function ProgressMeter({ progress }: { progress: number }) {
  return (
    <span className="progress-meter">
      <span className="progress-meter__track" aria-hidden="true">
        <span className="progress-meter__fill" style={{ width: `${clampProgress(progress)}%` }} />
      </span>
      <span className="progress-meter__text">{formatProgress(progress)}</span>
    </span>
  );
}
