// Photos are made smaller on the phone before they are stored or sent: at most 1600 px on the
// long side, JPEG. A photo the browser cannot decode (e.g. HEIC outside Safari) is refused.
import { PHOTO_MAX_BYTES } from '@klantreis/shared/diary/constants'

const MAX_SIDE = 1600

export class PhotoError extends Error {
  constructor(readonly reason: 'unreadable' | 'too_large') {
    super(reason)
  }
}

async function decode(
  file: Blob,
): Promise<{ source: CanvasImageSource; width: number; height: number; close: () => void }> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bmp = await createImageBitmap(file, { imageOrientation: 'from-image' })
      return { source: bmp, width: bmp.width, height: bmp.height, close: () => bmp.close() }
    } catch {
      // fall back to an <img>
    }
  }
  const url = URL.createObjectURL(file)
  try {
    const img = new Image()
    img.src = url
    await img.decode()
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) }
  } catch {
    URL.revokeObjectURL(url)
    throw new PhotoError('unreadable')
  }
}

const toBlob = (canvas: HTMLCanvasElement, quality: number) =>
  new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))

export async function preparePhoto(file: Blob): Promise<Blob> {
  const img = await decode(file)
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(img.width, img.height))
    const w = Math.max(1, Math.round(img.width * scale))
    const h = Math.max(1, Math.round(img.height * scale))
    const canvas = document.createElement('canvas')
    canvas.width = w
    canvas.height = h
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new PhotoError('unreadable')
    ctx.fillStyle = '#fff' // transparent PNGs become white, not black
    ctx.fillRect(0, 0, w, h)
    ctx.drawImage(img.source, 0, 0, w, h)
    for (const q of [0.82, 0.7, 0.55]) {
      const blob = await toBlob(canvas, q)
      if (!blob) throw new PhotoError('unreadable')
      if (blob.size <= PHOTO_MAX_BYTES) return blob
    }
    throw new PhotoError('too_large')
  } finally {
    img.close()
  }
}
