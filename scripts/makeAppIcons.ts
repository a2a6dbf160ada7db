import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";

/**
 * `npm run build && node dist/scripts/makeAppIcons.js` redraws appPackage/color.png and
 * appPackage/outline.png: a speech bubble with "EH" in it. The PNGs are committed; this script is
 * only for redrawing them, never part of the build. Shapes are drawn in a unit square and
 * supersampled, so both sizes come from one design and have smooth edges.
 */

type Shape = (x: number, y: number) => boolean;

const box =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;

function roundedBox(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (!box(x0, y0, x1, y1)(x, y)) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

/** Inside the triangle a, b, c (any winding). */
function triangle(a: [number, number], b: [number, number], c: [number, number]): Shape {
  const side = (p: [number, number], q: [number, number], x: number, y: number) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const s = [side(a, b, x, y), side(b, c, x, y), side(c, a, x, y)];
    return s.every((v) => v >= 0) || s.every((v) => v <= 0);
  };
}

const any =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

/** The bubble: a rounded box with a tail at the lower left. */
export const bubble: Shape = any(roundedBox(0.06, 0.12, 0.94, 0.74, 0.14), triangle([0.22, 0.7], [0.44, 0.7], [0.16, 0.92]));

/** "EH" from bars: strokes of 0.08 so they stay at least two pixels wide at 32 px. */
const S = 0.08;
const TOP = 0.26;
const BOTTOM = 0.6;
const MID = (TOP + BOTTOM) / 2;
export const letters: Shape = any(
  // E
  box(0.22, TOP, 0.22 + S, BOTTOM),
  box(0.22, TOP, 0.44, TOP + S),
  box(0.22, MID - S / 2, 0.41, MID + S / 2),
  box(0.22, BOTTOM - S, 0.44, BOTTOM),
  // H
  box(0.54, TOP, 0.54 + S, BOTTOM),
  box(0.78 - S, TOP, 0.78, BOTTOM),
  box(0.54, MID - S / 2, 0.78, MID + S / 2),
);

type Rgba = [number, number, number, number];

/**
 * Renders size x size pixels. `paint` gives a pixel's colour from the design's coverage at that
 * point (4 x 4 samples a pixel); `inset` shrinks the design into the middle of the icon.
 */
export function render(size: number, inset: number, paint: (inBubble: number, inLetters: number) => Rgba): PNG {
  const png = new PNG({ width: size, height: size });
  const n = 4;
  const span = size - 2 * inset;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let b = 0;
      let l = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n - inset) / span;
          const y = (py + (sy + 0.5) / n - inset) / span;
          const inL = letters(x, y);
          if (bubble(x, y) && !inL) b++;
          if (inL) l++;
        }
      }
      const [r, g, bl, a] = paint(b / (n * n), l / (n * n));
      const i = (py * size + px) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = bl;
      png.data[i + 3] = a;
    }
  }
  return png;
}

/** The manifest's accentColor, as the colour icon's background. */
export const ACCENT: [number, number, number] = [0x2b, 0x57, 0x97];

/** 192 x 192: a white bubble with accent-coloured letters, on the accent colour, inside Teams' safe area. */
export function colourIcon(): Buffer {
  const png = render(192, 36, (inBubble) => {
    const mix = (c: number) => Math.round(c + (255 - c) * inBubble);
    return [mix(ACCENT[0]), mix(ACCENT[1]), mix(ACCENT[2]), 255];
  });
  return PNG.sync.write(png);
}

/** 32 x 32: the bubble in white on a transparent background, the letters cut out, as Teams requires. */
export function outlineIcon(): Buffer {
  const png = render(32, 1, (inBubble) => [255, 255, 255, Math.round(255 * inBubble)]);
  return PNG.sync.write(png);
}

if (require.main === module) {
  const dir = join(process.cwd(), "appPackage");
  writeFileSync(join(dir, "color.png"), colourIcon());
  writeFileSync(join(dir, "outline.png"), outlineIcon());
  console.info(`Wrote ${join(dir, "color.png")} and ${join(dir, "outline.png")}.`);
}
