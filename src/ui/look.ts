import type { Palette } from './color.ts';

/** How human output should look: on a terminal or not, colour, and today's date. */
export interface Look {
  tty: boolean;
  color: Palette;
  now: Date;
}
