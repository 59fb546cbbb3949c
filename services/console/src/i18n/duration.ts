import type { MessageKey } from './message-key';

export interface MessageRef {
  readonly key: MessageKey;
  readonly values: Record<string, string | number>;
}

/** A wait in whole seconds as a message (`5 分钟`, `4 分 05 秒`, `45 秒`); seconds are padded after minutes. */
export function durationMessage(totalSeconds: number): MessageRef {
  const whole = Math.max(0, Math.ceil(totalSeconds));
  const minutes = Math.floor(whole / 60);
  const seconds = whole % 60;
  if (minutes === 0) return { key: 'duration.seconds', values: { seconds } };
  if (seconds === 0) return { key: 'duration.minutes', values: { minutes } };
  return { key: 'duration.minutesSeconds', values: { minutes, seconds: String(seconds).padStart(2, '0') } };
}
