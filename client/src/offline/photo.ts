/** The longest side of a photo once resized on the phone: enough for a report, light to send from the field. */
export const PHOTO_MAX_SIDE = 1600;
const JPEG_QUALITY = 0.82;

/**
 * Resizes a photo on the device (createImageBitmap + canvas) into a JPEG whose longest side is at most
 * PHOTO_MAX_SIDE, so a queued activity keeps a few hundred kilobytes rather than the camera's megabytes.
 * Throws a French message when the file is not an image the browser can read.
 */
export async function resizePhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new Error('Cette photo est illisible : choisissez une image JPEG, PNG ou WebP.');
  }
  try {
    const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('Impossible de préparer la photo sur cet appareil.');
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
    if (!blob) throw new Error('Impossible de préparer la photo sur cet appareil.');
    return blob;
  } finally {
    bitmap.close();
  }
}
