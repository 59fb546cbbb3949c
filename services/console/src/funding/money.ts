import type { Language } from '../i18n/language';

/**
 * Money arrives as integer fen (分). It is shown as yuan with two decimals, computed on integers (BigInt) so no
 * figure ever passes through floating-point yuan.
 */

const FEN_PER_YUAN = 100n;
const FEN_PER_WAN = 1_000_000n; // 1 万元 = 10,000 yuan

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Whole units and hundredths of `fen / per`, rounded half away from zero. */
function hundredths(fen: bigint, per: bigint): { negative: boolean; whole: string; cents: string } {
  const negative = fen < 0n;
  const size = negative ? -fen : fen;
  const scaled = per === FEN_PER_YUAN ? size : (size * 100n + per / 2n) / per;
  return {
    negative: negative && scaled !== 0n,
    whole: groupThousands((scaled / 100n).toString()),
    cents: (scaled % 100n).toString().padStart(2, '0'),
  };
}

/** `123456` fen → `¥1,234.56`; negative amounts get a minus sign: `-¥1,234.56`. */
export function formatFen(fen: number | bigint): string {
  const { negative, whole, cents } = hundredths(BigInt(fen), FEN_PER_YUAN);
  return `${negative ? '-' : ''}¥${whole}.${cents}`;
}

/** Big figures in 万元 (ten thousand yuan), two decimals: `¥1,234.57万` / `¥1,234.57 × 10k`. */
export function formatWan(fen: number | bigint, language: Language): string {
  const { negative, whole, cents } = hundredths(BigInt(fen), FEN_PER_WAN);
  const figure = `${negative ? '-' : ''}¥${whole}.${cents}`;
  return language === 'en' ? `${figure} × 10k` : `${figure}万`;
}

/** At or above one million yuan, a figure reads better in 万元. */
export const WAN_THRESHOLD_FEN = 100_000_000;

/** The amount as people read it: in 万元 when it is large, to the fen otherwise. */
export function formatMoney(fen: number, language: Language): string {
  return Math.abs(fen) >= WAN_THRESHOLD_FEN ? formatWan(fen, language) : formatFen(fen);
}
