import type { Palette } from './color.ts';

/** How human output should look: on a terminal or not, colour, and today's date. */
export interface Look {
  tty: boolean;
  color: Palette;
  now: Date;
  /** The terminal's width in columns (on a terminal only): tables are fitted to it. */
  width?: number | undefined;
}
