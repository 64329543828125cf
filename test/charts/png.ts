import { createCanvas, loadImage } from 'canvas';

/** Width, height and the spread of grey levels over a sample of pixels. */
export async function pngStats(png: Buffer): Promise<{ width: number; height: number; distinctColours: number; variance: number }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  const colours = new Set<number>();
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let p = 0; p < data.length; p += 4 * 7) {
    const grey = (data[p] + data[p + 1] + data[p + 2]) / 3;
    colours.add((data[p] << 16) | (data[p + 1] << 8) | data[p + 2]);
    sum += grey;
    sumSq += grey * grey;
    n++;
  }
  return { width: image.width, height: image.height, distinctColours: colours.size, variance: sumSq / n - (sum / n) ** 2 };
}
