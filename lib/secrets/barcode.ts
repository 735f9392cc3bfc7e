/**
 * Code 128 barcodes of a full secret value (prefix included), returned as the `barcode_128` data
 * URL of the Wallet API. Drawn with bwip-js: pure JavaScript (no native canvas or image library to
 * build on servers), well maintained, and a port of the reference Barcode Writer in Pure
 * PostScript. Code 128 encodes all printable ASCII, which covers every format we generate.
 */
import bwipjs from 'bwip-js/node';

export async function code128DataUrl(value: string): Promise<string> {
  let png: Buffer;
  try {
    png = await bwipjs.toBuffer({ bcid: 'code128', text: value, scale: 2, height: 10, includetext: false });
  } catch {
    // bwip-js messages can quote the input; the input is a secret.
    throw new Error('Could not draw the Code 128 barcode.');
  }
  return `data:image/png;base64,${png.toString('base64')}`;
}
