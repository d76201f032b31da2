// Draws the Harbor Wellness sample logo (a PNG) so the sample clinic has a raster logo made here.
// Run: node scripts/make-sample-logo.mjs  (needs the dev dependency @napi-rs/canvas, which pdf-parse brings)
import { writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';

const size = 480;
const canvas = createCanvas(size, size);
const g = canvas.getContext('2d');
g.clearRect(0, 0, size, size);
// A teal disc with a white wave and a sun: a harbor at dawn.
g.fillStyle = '#0F766E';
g.beginPath();
g.arc(size / 2, size / 2, size / 2 - 8, 0, Math.PI * 2);
g.fill();
g.fillStyle = '#F59E0B';
g.beginPath();
g.arc(size / 2, size * 0.44, size * 0.16, Math.PI, 0);
g.fill();
g.strokeStyle = '#FFFFFF';
g.lineWidth = size * 0.045;
g.lineCap = 'round';
for (const [offset, amplitude] of [
  [0.56, 0.05],
  [0.68, 0.04],
]) {
  g.beginPath();
  for (let x = size * 0.18; x <= size * 0.82; x += 4) {
    const y = size * offset + Math.sin((x / size) * Math.PI * 4) * size * amplitude;
    if (x === size * 0.18) g.moveTo(x, y);
    else g.lineTo(x, y);
  }
  g.stroke();
}
writeFileSync(new URL('../content/clinics/harbor-logo.png', import.meta.url), canvas.toBuffer('image/png'));
