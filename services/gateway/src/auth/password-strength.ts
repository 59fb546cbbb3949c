import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/**
 * How guessable a password is, by zxcvbn (common passwords and names, keyboard patterns, repeats,
 * sequences, dates): scores 0–4, and 3 ("safely unguessable", about 10^8 guesses and more) is the
 * least a person may choose here. Built once: the dictionaries are large.
 */
const estimator = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
const MIN_SCORE = 3;

/** Why a password is too easy to guess, or undefined when it is strong enough. */
export function weakPasswordReason(password: string): string | undefined {
  const result = estimator.check(password);
  if (result.score >= MIN_SCORE) return undefined;
  const hint = result.feedback.warning ? `: ${String(result.feedback.warning)}` : '';
  return `too easy to guess (strength ${result.score} of 4, at least ${MIN_SCORE} needed)${hint}`;
}
