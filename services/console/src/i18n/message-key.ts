import type { Messages } from './messages/zh-CN';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message key as a dotted path (`nav.tasks`), so pure modules can name messages the compiler checks. */
export type MessageKey = Leaves<Messages>;
